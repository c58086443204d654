package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// RunResult is the answer to a statement that changes rows (SQL-4):
// SQLite's count of rows changed and the connection's last inserted rowid.
type RunResult struct {
	Changes         int64 `json:"changes"`
	LastInsertRowid int64 `json:"lastInsertRowid"`
}

// Statement is one member of a batch: SQL text and its arguments as
// decoded from JSON.
type Statement struct {
	SQL  string
	Args []any
}

// Query runs the plugin's SQL with args bound (SQL-2) and returns its rows
// (SQL-3). Anything but a lone SELECT runs in a transaction that is rolled
// back when anything fails, a result larger than the DB's limit included
// (RESPONSE_TOO_LARGE, SQL-8), so a failed INSERT … RETURNING never leaves
// a change behind. Safe for concurrent use.
func (db *DB) Query(ctx context.Context, text string, args []any) ([]Row, error) {
	bound, shape, err := prepareStatement(text, args)
	if err != nil {
		return nil, err
	}
	rows := []Row{}
	read := func(c *call) (err error) {
		rows, err = c.queryRows(text, bound, db.maxResultBytes)
		return err
	}
	err = db.do(ctx, func(c *call) error {
		switch {
		case shape.loneVacuum():
			_, err := c.exec(text, bound, false)
			return err
		case shape.lonePlainSelect():
			return read(c)
		default:
			return c.transaction("BEGIN", func() error { return read(c) })
		}
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// Run runs the plugin's SQL with args bound and returns what it changed
// (SQL-4). Text holding several statements runs in one transaction. Safe
// for concurrent use.
func (db *DB) Run(ctx context.Context, text string, args []any) (RunResult, error) {
	bound, shape, err := prepareStatement(text, args)
	if err != nil {
		return RunResult{}, err
	}
	var out RunResult
	err = db.do(ctx, func(c *call) error {
		return c.asShaped(shape, func(user bool) (err error) {
			out, err = c.run(text, bound, user)
			return err
		})
	})
	return out, err
}

// Exec runs SQL text that may hold several statements and takes no
// arguments. Several statements run in one transaction: all take effect or
// none does. Safe for concurrent use.
func (db *DB) Exec(ctx context.Context, text string) error {
	shape := shapeOf(text)
	if err := shape.refuseEarly(); err != nil {
		return err
	}
	return db.do(ctx, func(c *call) error {
		return c.asShaped(shape, func(user bool) error {
			_, err := c.exec(text, nil, user)
			return err
		})
	})
}

// prepareStatement binds the args of a query or run and checks its text.
func prepareStatement(text string, args []any) ([]any, sqlShape, error) {
	bound, err := bindArgs(args, "/args")
	if err != nil {
		return nil, sqlShape{}, err
	}
	shape := shapeOf(text)
	if err := shape.refuseEarly(); err != nil {
		return nil, shape, err
	}
	return bound, shape, shape.requireStatement()
}

// asShaped runs body, which executes the plugin's text of the given shape.
// A lone plain VACUUM must run outside a transaction and runs as the
// package's own statement (its inner work passes the guard as such). Text
// that may hold several statements runs in one write transaction, so a
// statement refused or failing halfway leaves nothing behind (SVC-3). A
// single statement is atomic on its own.
func (c *call) asShaped(shape sqlShape, body func(user bool) error) error {
	switch {
	case shape.loneVacuum():
		return body(false)
	case shape.statements > 1:
		return c.transaction("BEGIN IMMEDIATE", func() error { return body(true) })
	default:
		return body(true)
	}
}

// queryRows reads the rows of the plugin's query, reading them again
// without declared types when the driver turned text into times.
func (c *call) queryRows(text string, args []any, limit int) ([]Row, error) {
	rows, err := c.query(text, args, true)
	if err != nil {
		return nil, err
	}
	names, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, failure(c.ctx, c.guard, err)
	}
	read, err := readRows(rows, names, newResultBudget(limit))
	// Reformatted times may be longer than the stored text, so a result
	// that seemed too large is read again too.
	if read.sawTime && (err == nil || errors.Is(err, wire.ErrResponseTooLarge)) {
		again, wrapped, err := c.rereadWithText(text, args, names, limit)
		if wrapped {
			return again.rows, err
		}
	}
	if err != nil {
		return nil, failure(c.ctx, c.guard, err)
	}
	return read.rows, nil
}

// run executes a statement and reports what it changed.
func (c *call) run(text string, args []any, user bool) (RunResult, error) {
	res, err := c.exec(text, args, user)
	if err != nil {
		return RunResult{}, err
	}
	return runResult(res)
}

func runResult(res sql.Result) (RunResult, error) {
	changes, err := res.RowsAffected()
	if err != nil {
		return RunResult{}, err
	}
	rowid, err := res.LastInsertId()
	return RunResult{Changes: changes, LastInsertRowid: rowid}, err
}
