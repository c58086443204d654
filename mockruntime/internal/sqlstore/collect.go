package sqlstore

import (
	"database/sql"
	"encoding/base64"
	"time"
)

// rowsRead is a result read from SQLite.
type rowsRead struct {
	rows []Row
	// sawTime reports that the driver turned some TEXT value into a
	// time.Time (see datetext.go); those values hold reformatted text.
	sawTime bool
}

// readRows reads every row, converting values as SQL-3 says and counting
// them against budget. names, when not nil, replaces the statement's own
// column names. It closes rows. When the budget runs out it returns the
// RESPONSE_TOO_LARGE error with what it read so far.
func readRows(rows *sql.Rows, names []string, budget *resultBudget) (rowsRead, error) {
	defer rows.Close()
	if names == nil {
		var err error
		if names, err = rows.Columns(); err != nil {
			return rowsRead{}, err
		}
	}
	columns := newColumnSet(names)
	scanned, targets := scanTargets(len(names))
	out := rowsRead{rows: []Row{}}
	for rows.Next() {
		if err := rows.Scan(targets...); err != nil {
			return rowsRead{}, err
		}
		for i, v := range scanned {
			var wasTime bool
			scanned[i], wasTime = resultValue(v)
			out.sawTime = out.sawTime || wasTime
		}
		row := columns.row(scanned)
		if err := budget.addRow(row); err != nil {
			return out, err
		}
		out.rows = append(out.rows, row)
	}
	return out, rows.Err()
}

func scanTargets(n int) (values []any, targets []any) {
	values = make([]any, n)
	targets = make([]any, n)
	for i := range values {
		targets[i] = &values[i]
	}
	return values, targets
}

// resultValue converts a scanned value: BLOB to base64 text, a time the
// driver parsed back to text; INTEGER, REAL, TEXT and NULL stay as they
// are. The second result reports a parsed time.
func resultValue(v any) (any, bool) {
	switch x := v.(type) {
	case []byte:
		return base64.StdEncoding.EncodeToString(x), false
	case time.Time:
		return x.Format(reformattedTimeLayout), true
	}
	return v, false
}
