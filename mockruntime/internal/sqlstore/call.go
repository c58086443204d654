package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// errCallTimeout is matched by every *callTimeout.
var errCallTimeout = errors.New("sqlstore: the call ran past its deadline")

// callTimeout is the cause of a call's context ending at its deadline.
type callTimeout struct{ limit time.Duration }

func (t *callTimeout) Error() string        { return errCallTimeout.Error() }
func (t *callTimeout) Is(target error) bool { return target == errCallTimeout }

// answer is the SQL_ERROR of a call SQLite was interrupted in (SQL-9).
func (t *callTimeout) answer() *wire.Error {
	return wire.Errorf(wire.CodeSQLError, "the call ran past the limit of %v and was interrupted", t.limit).
		With("sqlite_code", "SQLITE_INTERRUPT").With("limit_ms", t.limit.Milliseconds())
}

// call is one operation of a DB on one connection borrowed from the pool
// for the whole operation, so that the connection's guard describes this
// operation alone. A call is used by one goroutine.
type call struct {
	ctx   context.Context
	conn  *sql.Conn
	guard *guard
}

// do borrows a connection, runs fn on it and gives the connection back. fn
// runs under the DB's per-call deadline (SQL-9): when it passes, the driver
// interrupts SQLite and the call fails with SQL_ERROR naming the limit.
func (db *DB) do(parent context.Context, fn func(*call) error) error {
	ctx, cancel := context.WithTimeoutCause(parent, db.maxCallTime, &callTimeout{limit: db.maxCallTime})
	defer cancel()
	err := db.run(ctx, fn)
	if parent.Err() == nil && context.Cause(ctx) != nil && errors.Is(context.Cause(ctx), errCallTimeout) {
		return context.Cause(ctx).(*callTimeout).answer()
	}
	return err
}

func (db *DB) run(ctx context.Context, fn func(*call) error) error {
	conn, err := db.pool.Conn(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("sqlstore: taking a connection: %w", err)
	}
	defer conn.Close()
	c := &call{ctx: ctx, conn: conn}
	err = conn.Raw(func(dc any) error {
		gc, ok := dc.(*guardedConn)
		if !ok {
			return fmt.Errorf("sqlstore: unexpected driver connection %T", dc)
		}
		c.guard = gc.guard
		return nil
	})
	if err != nil {
		return err
	}
	return fn(c)
}

// exec runs a statement that returns no rows; user says whether its text
// came from the plugin.
func (c *call) exec(text string, args []any, user bool) (sql.Result, error) {
	c.guard.enter(user)
	res, err := c.conn.ExecContext(c.ctx, text, args...)
	return res, failure(c.ctx, c.guard, err)
}

// query runs a statement that returns rows. The guard keeps describing it
// until the next statement starts, which covers SQLite re-preparing it
// while the rows are read.
func (c *call) query(text string, args []any, user bool) (*sql.Rows, error) {
	c.guard.enter(user)
	rows, err := c.conn.QueryContext(c.ctx, text, args...)
	return rows, failure(c.ctx, c.guard, err)
}

// transaction runs body between begin (BEGIN or BEGIN IMMEDIATE) and
// COMMIT, rolling back when body or the commit fails, so the statements in
// body take effect together or not at all.
func (c *call) transaction(begin string, body func() error) error {
	if _, err := c.exec(begin, nil, false); err != nil {
		return err
	}
	if err := body(); err != nil {
		c.rollback()
		return err
	}
	if _, err := c.exec("COMMIT", nil, false); err != nil {
		c.rollback()
		return err
	}
	return nil
}

// rollback ends the open transaction even when the call's context is done.
// If that fails the connection may still be inside the transaction, so it
// is closed instead of going back to the pool.
func (c *call) rollback() {
	c.guard.enter(false)
	if _, err := c.conn.ExecContext(context.WithoutCancel(c.ctx), "ROLLBACK"); err != nil {
		_ = c.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}

// columnCount prepares text without running it and returns how many
// columns it yields; ok is false when SQLite cannot prepare it.
func (c *call) columnCount(text string, user bool) (n int, ok bool) {
	c.guard.enter(user)
	err := c.conn.Raw(func(dc any) error {
		info, err := dc.(*guardedConn).ColumnInfo(text)
		n = len(info)
		return err
	})
	return n, err == nil
}
