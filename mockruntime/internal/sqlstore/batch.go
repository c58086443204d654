package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// Batch runs the statements in order in one transaction (SQL-5): either all
// take effect or, when one fails, none does and the error carries the
// failing statement's position in context.index. Arguments of every
// statement are checked before any runs. Safe for concurrent use.
func (db *DB) Batch(ctx context.Context, stmts []Statement) ([]RunResult, error) {
	bound, err := prepareBatch(stmts)
	if err != nil {
		return nil, err
	}
	results := make([]RunResult, 0, len(stmts))
	err = db.do(ctx, func(c *call) error {
		prepared := c.newStatementCache()
		defer prepared.close()
		return c.transaction("BEGIN IMMEDIATE", func() error {
			for i, st := range stmts {
				r, err := prepared.run(st.SQL, bound[i])
				if err != nil {
					return withIndex(err, i)
				}
				results = append(results, r)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

func prepareBatch(stmts []Statement) ([][]any, error) {
	bound := make([][]any, len(stmts))
	for i, st := range stmts {
		args, err := bindArgs(st.Args, fmt.Sprintf("/statements/%d/args", i))
		if err == nil {
			shape := shapeOf(st.SQL)
			err = shape.refuseEarly()
			if err == nil {
				err = shape.requireStatement()
			}
		}
		if err != nil {
			return nil, withIndex(err, i)
		}
		bound[i] = args
	}
	return bound, nil
}

// statementCache prepares each distinct text of a batch once, when it is
// first run, and runs the same prepared statement for its repeats, as a
// batch of one INSERT with many argument lists usually has.
type statementCache struct {
	call     *call
	prepared map[string]*sql.Stmt
}

func (c *call) newStatementCache() *statementCache {
	return &statementCache{call: c, prepared: map[string]*sql.Stmt{}}
}

// run runs the plugin's text with args and reports what it changed.
func (sc *statementCache) run(text string, args []any) (RunResult, error) {
	c := sc.call
	c.guard.enter(true)
	stmt, ok := sc.prepared[text]
	if !ok {
		var err error
		if stmt, err = c.conn.PrepareContext(c.ctx, text); err != nil {
			return RunResult{}, failure(c.ctx, c.guard, err)
		}
		sc.prepared[text] = stmt
	}
	res, err := stmt.ExecContext(c.ctx, args...)
	if err != nil {
		return RunResult{}, failure(c.ctx, c.guard, err)
	}
	return runResult(res)
}

func (sc *statementCache) close() {
	for _, stmt := range sc.prepared {
		_ = stmt.Close()
	}
}
