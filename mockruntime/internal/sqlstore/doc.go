// Package sqlstore is one plugin's SQLite database: the storage behind the
// data.sql, data.kv and data.read services of CONFORMANCE.md §9.2–§9.4.
//
// A DB wraps a small pool of connections to one database file in WAL mode.
// Every physical connection carries its own statement guard (an SQLite
// authorizer) that refuses what SQL-6 forbids before it runs, and every call
// borrows one connection for its whole duration so the guard can tell the
// plugin's statements from the package's own (BEGIN, COMMIT, KV and read
// queries) and report exactly which action it refused.
//
// The package does everything that needs the database; the runtime checks
// capabilities and params schemas before calling it.
//
// Where the specification leaves room, the package decides:
//
//   - The runtime owns transactions. Plugin SQL may not BEGIN, COMMIT,
//     ROLLBACK, SAVEPOINT or RELEASE (PERMISSION_DENIED): on pooled
//     connections a transaction left open would outlive the call. Atomicity
//     comes from batch, and from text holding several statements, which runs
//     in one transaction.
//   - PRAGMAs are limited to reading the schema (table_info, table_xinfo,
//     table_list, index_list, index_info, index_xinfo, foreign_key_list,
//     foreign_key_check) and to querying, never setting, journal_mode,
//     user_version, foreign_keys, schema_version, application_id, encoding,
//     page_size, page_count and freelist_count.
//   - A plain VACUUM is allowed when it is the whole text; VACUUM INTO is
//     refused wherever it appears.
//   - Text in columns declared DATE, DATETIME or TIMESTAMP comes back as
//     stored (see datetext.go).
//   - A result with two columns of one name has that name once, at its first
//     position, with the last value; infinite REALs are written as null.
package sqlstore
