package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"modernc.org/sqlite"
)

// The guard is installed through a database/sql Connector of this package
// rather than through sqlite.RegisterConnectionHook or a private
// *sqlite.Driver registered with sql.Register. The package-level hook runs
// for every SQLite connection in the process, including other packages'
// databases (the event bus), and sql.Register names are process-global and
// can never be removed. A connector is local to one DB: each physical
// connection it opens gets a guard of its own, for that database's access
// mode, and nothing outside the DB is touched.

// sqliteConn is what this package needs of a modernc.org/sqlite connection.
// Embedding it in guardedConn keeps every optional driver interface that
// database/sql looks for (contexts, session reset, validation) visible.
type sqliteConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.ExecerContext
	driver.QueryerContext
	driver.SessionResetter
	driver.Validator
	driver.Pinger
	sqlite.AuthorizerRegisterer
	ColumnInfo(query string) ([]sqlite.ColumnInfo, error)
}

// guardedConn is one physical connection together with the guard its
// authorizer consults. database/sql hands a connection to one goroutine at
// a time; this package borrows it for a whole call (see call).
type guardedConn struct {
	sqliteConn
	guard *guard
}

// guardedConnector opens connections through the registered "sqlite" driver
// and installs a fresh guard on each. database/sql calls Connect from
// several goroutines; the connector holds no mutable state.
type guardedConnector struct {
	base          driver.Connector
	access        access
	maxValueBytes int
}

func newGuardedConnector(dsn string, access access, maxValueBytes int) (*guardedConnector, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %w", err)
	}
	return &guardedConnector{base: base, access: access, maxValueBytes: maxValueBytes}, nil
}

// Connect opens a connection and installs the guard. The driver has already
// applied the DSN's PRAGMAs (journal mode, synchronous, foreign keys) by
// then, so they never meet the guard.
func (c *guardedConnector) Connect(ctx context.Context) (driver.Conn, error) {
	raw, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	conn, ok := raw.(sqliteConn)
	if !ok {
		_ = raw.Close()
		return nil, fmt.Errorf("sqlstore: driver connection %T lacks the methods this package needs", raw)
	}
	if err := setLengthLimit(ctx, raw, c.base.Driver(), c.maxValueBytes); err != nil {
		_ = raw.Close()
		return nil, fmt.Errorf("sqlstore: setting SQLITE_LIMIT_LENGTH: %w", err)
	}
	g := &guard{access: c.access}
	if err := conn.RegisterAuthorizer(g.authorize); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("sqlstore: installing the statement guard: %w", err)
	}
	return &guardedConn{sqliteConn: conn, guard: g}, nil
}

// Driver returns the underlying SQLite driver.
func (c *guardedConnector) Driver() driver.Driver { return c.base.Driver() }

// sqliteLimitLength is SQLITE_LIMIT_LENGTH, the id of the limit on the
// length of a string, BLOB or row (sqlite3_limit).
const sqliteLimitLength = 0

// setLengthLimit sets SQLITE_LIMIT_LENGTH on one fresh driver connection
// (SQL-9), so that randomblob(1e9) or a huge printf fails with
// SQLITE_TOOBIG before SQLite allocates it. The driver's only way to call
// sqlite3_limit is sqlite.Limit, which takes a *sql.Conn whose driver
// connection is its own; so the connection is lent to a throwaway sql.DB
// for the one call. That DB is closed (which stops its goroutine) while the
// connection is still borrowed from it, so closing it never closes the
// connection, which then belongs to the caller alone.
func setLengthLimit(ctx context.Context, raw driver.Conn, drv driver.Driver, n int) error {
	lender := sql.OpenDB(lendingConnector{conn: raw, drv: drv})
	defer lender.Close()
	lender.SetMaxOpenConns(1)
	borrowed, err := lender.Conn(ctx)
	if err != nil {
		return err
	}
	_, err = sqlite.Limit(borrowed, sqliteLimitLength, n)
	return err
}

// lendingConnector hands out one connection that already exists.
type lendingConnector struct {
	conn driver.Conn
	drv  driver.Driver
}

func (l lendingConnector) Connect(context.Context) (driver.Conn, error) { return l.conn, nil }
func (l lendingConnector) Driver() driver.Driver                        { return l.drv }
