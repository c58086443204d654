package data

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// DefaultSQLCallTime is how long, in real time, one operation of SQLite
// may run before it is interrupted (SQL-9).
const DefaultSQLCallTime = sqlstore.DefaultMaxCallTime

// SQLite is the built-in service.Store: one SQLite database per plugin,
// <data dir>/plugin.db (WAL), whose Databases also serve KV from its _kv
// table. The zero value is ready; safe for concurrent use.
type SQLite struct {
	// MaxCallTime bounds one operation in real time (0:
	// sqlstore.DefaultMaxCallTime, SQL-9).
	MaxCallTime time.Duration
}

func (s SQLite) options() []sqlstore.Option {
	if s.MaxCallTime <= 0 {
		return nil
	}
	return []sqlstore.Option{sqlstore.WithMaxCallTime(s.MaxCallTime)}
}

func dbPath(p service.Plugin) string { return filepath.Join(p.DataDir(), "plugin.db") }

// Open opens p's database, creating it if needed.
func (s SQLite) Open(p service.Plugin) (service.Database, error) {
	db, err := sqlstore.Open(dbPath(p), s.options()...)
	if err != nil {
		return nil, err
	}
	return sqliteDB{db}, nil
}

// OpenReader opens p's database read-only; NOT_FOUND when p never opened
// its own.
func (s SQLite) OpenReader(p service.Plugin) (service.Reader, error) {
	if _, err := os.Stat(dbPath(p)); err != nil {
		return nil, wire.Errorf(wire.CodeNotFound, "plugin %q has no database yet", p.Slug())
	}
	db, err := sqlstore.OpenReadOnly(dbPath(p), s.options()...)
	if err != nil {
		return nil, err
	}
	return sqliteReader{db}, nil
}

// sqliteDB is a plugin's own database: service.Database and service.KV.
type sqliteDB struct{ db *sqlstore.DB }

func (d sqliteDB) Query(ctx context.Context, sql string, args []any) (any, error) {
	return d.db.Query(ctx, sql, args)
}

func (d sqliteDB) Run(ctx context.Context, sql string, args []any) (any, error) {
	return d.db.Run(ctx, sql, args)
}

func (d sqliteDB) Exec(ctx context.Context, sql string) error { return d.db.Exec(ctx, sql) }

func (d sqliteDB) Batch(ctx context.Context, stmts []service.Statement) (any, error) {
	list := make([]sqlstore.Statement, len(stmts))
	for i, st := range stmts {
		list[i] = sqlstore.Statement{SQL: st.SQL, Args: st.Args}
	}
	return d.db.Batch(ctx, list)
}

func (d sqliteDB) Close() error { return d.db.Close() }

func (d sqliteDB) Get(ctx context.Context, key string) (string, bool, error) {
	return d.db.KVGet(ctx, key)
}

func (d sqliteDB) Set(ctx context.Context, key, value string) error {
	return d.db.KVSet(ctx, key, value)
}

func (d sqliteDB) Delete(ctx context.Context, key string) error { return d.db.KVDelete(ctx, key) }

func (d sqliteDB) List(ctx context.Context, prefix string, limit int) (any, error) {
	return d.db.KVList(ctx, prefix, limit)
}

func (d sqliteDB) GetMany(ctx context.Context, keys []string) (any, error) {
	return d.db.KVGetMany(ctx, keys)
}

// sqliteReader is the read-only handle of data.read.
type sqliteReader struct{ db *sqlstore.DB }

func (r sqliteReader) Read(ctx context.Context, q service.ReadQuery) (any, error) {
	sq := sqlstore.ReadQuery{Table: q.Table, Select: q.Select, Limit: q.Limit, Offset: q.Offset}
	for _, c := range q.Where {
		sq.Where = append(sq.Where, sqlstore.Cond{Column: c.Column, Op: c.Op, Value: c.Value})
	}
	for _, o := range q.OrderBy {
		sq.OrderBy = append(sq.OrderBy, sqlstore.Order{Column: o.Column, Desc: o.Desc})
	}
	return r.db.Read(ctx, sq)
}

func (r sqliteReader) Close() error { return r.db.Close() }
