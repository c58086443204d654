package service

import "context"

// Store is the backend of data.sql and data.read (§9.2, §9.4), and of the
// host's Plugin.Query and Plugin.Exec: it opens each plugin's database.
// The built-in one is SQLite, <data dir>/plugin.db in WAL mode, with the
// statement rules of SQL-6.
//
// The runtime opens a plugin's Database on its first use and keeps it
// until the plugin is unloaded or the runtime closes, then closes it; an
// Open that fails is tried again on the next call. Open and OpenReader
// may be called concurrently.
type Store interface {
	// Open opens plugin p's own database, read-write.
	Open(p Plugin) (Database, error)
	// OpenReader opens plugin p's database for the reads of other plugins
	// (data.read, READ-3). A *wire.Error NOT_FOUND says it has none yet.
	OpenReader(p Plugin) (Reader, error)
}

// Database is one plugin's own database. Results are sent to the plugin as
// they are encoded by encoding/json: rows as an array of objects (SQL-3),
// a run as {"changes","lastInsertRowid"}, a batch as an array of runs.
// Errors are sent as their *wire.Error, any other as INTERNAL. A result
// over wire.MaxResultBytes is refused by the runtime with
// RESPONSE_TOO_LARGE. Every method may be called concurrently.
//
// A Database that also implements KV serves data.kv for the plugin unless
// the host set its own KVStore; the built-in one does, with its _kv table.
type Database interface {
	Query(ctx context.Context, sql string, args []any) (any, error)
	Run(ctx context.Context, sql string, args []any) (any, error)
	Exec(ctx context.Context, sql string) error
	// Batch runs every statement in one transaction (SQL-4).
	Batch(ctx context.Context, stmts []Statement) (any, error)
	Close() error
}

// Statement is one member of a data.sql batch.
type Statement struct {
	SQL  string
	Args []any // as decoded from JSON
}

// Reader is a read-only view of a plugin's database for other plugins.
// The runtime passes only published tables and columns (READ-1, READ-2).
type Reader interface {
	// Read runs q and returns its rows, each an object of the selected
	// columns in the order of q.Select.
	Read(ctx context.Context, q ReadQuery) (any, error)
	Close() error
}

// ReadQuery is one data.read call, its identifiers checked against the
// published schema.
type ReadQuery struct {
	Table   string
	Select  []string // the columns to return, in order
	Where   []Cond   // all must hold
	OrderBy []Order
	Limit   int // 0: the backend's default
	Offset  int
}

// Cond is one condition of a ReadQuery: Column Op Value. Op is one of
// = != < <= > >= in; for in, Value is a []any. = and != with a null Value
// test IS NULL and IS NOT NULL.
type Cond struct {
	Column string
	Op     string
	Value  any
}

// Order is one ORDER BY term of a ReadQuery.
type Order struct {
	Column string
	Desc   bool
}
