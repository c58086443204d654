// Package data serves data.sql, data.kv and data.read (CONFORMANCE.md
// §9.2–§9.4) over replaceable backends: a service.Store (the built-in
// SQLite one by default) and an optional service.KVStore.
//
// Stores keeps, per loaded plugin, the handles opened on first use and
// closes them when the runtime detaches the plugin; the host API's Query,
// Exec and KV use the same handles.
//
// Every method of *Stores is safe for concurrent use. The package imports
// mockruntime/service, mockruntime/wire and internal/sqlstore; it must not
// import mockruntime or another service package.
package data
