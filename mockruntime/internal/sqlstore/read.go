package sqlstore

import "context"

// DefaultReadLimit is the number of rows Read returns when the query gives
// no limit.
const DefaultReadLimit = 100

// ReadQuery is a data.read request (READ-2, READ-3) after the runtime has
// checked the table and every column against the target's public_schema.
// Read builds the SQL itself from quoted identifiers and bound values; no
// SQL text from the caller reaches SQLite.
type ReadQuery struct {
	Table   string
	Select  []string // the columns to return, in order; the runtime passes the published list by default
	Where   []Cond   // all must hold
	OrderBy []Order
	Limit   int // 0 means DefaultReadLimit
	Offset  int
}

// Cond is one condition of a ReadQuery. Op is one of = != < <= > >= in; for
// in, Value is a []any of values. Comparing with = or != to null tests IS
// NULL or IS NOT NULL, so `{"op":"=","value":null}` finds the NULL rows.
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

// Read runs q and returns its rows in the order of q.Select. Values come
// back as Query returns them, the declared types of the columns aside
// (text stays text). Safe for concurrent use.
func (db *DB) Read(ctx context.Context, q ReadQuery) ([]Row, error) {
	text, args, err := q.build()
	if err != nil {
		return nil, err
	}
	rows := []Row{}
	err = db.do(ctx, func(c *call) error {
		result, err := c.query(text, args, false)
		if err != nil {
			return err
		}
		read, err := readRows(result, q.Select, newResultBudget(db.maxResultBytes))
		rows = read.rows
		return failure(c.ctx, c.guard, err)
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}
