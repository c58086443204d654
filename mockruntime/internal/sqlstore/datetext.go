package sqlstore

import (
	"fmt"
	"strings"
)

// The modernc.org/sqlite driver parses a TEXT value into a time.Time when
// its column is declared DATE, DATETIME or TIMESTAMP and the text looks
// like a time, and offers no switch to turn that off. The original text is
// then lost: "2024-01-02" and "2024-01-02 00:00:00" parse alike. SQL-3 wants
// the text back as stored, so a query whose result held such a value is
// read again through textPreservingSQL, which hides the declared types.
// Statements that cannot be wrapped (INSERT … RETURNING, scripts) keep the
// reformatted text, in reformattedTimeLayout.

// reformattedTimeLayout writes a time the driver parsed, when the original
// text cannot be had.
const reformattedTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

// textPreservingName names the wrapping CTE; it only has to differ from the
// names a plugin's query uses.
const textPreservingName = "sqlstore_text_preserving"

// textPreservingSQL wraps a SELECT so that each result column is the unary
// plus of the original: the same value, but an expression, which SQLite
// reports with no declared type. The CTE's column list renames the columns
// by position, so duplicate or odd names need no quoting.
func textPreservingSQL(text string, columns int) string {
	var b strings.Builder
	b.WriteString("WITH " + textPreservingName + "(")
	writeList(&b, columns, "c%d")
	b.WriteString(") AS (\n")
	b.WriteString(strings.TrimRight(text, " \t\r\n\f;"))
	b.WriteString("\n) SELECT ")
	writeList(&b, columns, "+c%d")
	b.WriteString(" FROM " + textPreservingName)
	return b.String()
}

func writeList(b *strings.Builder, n int, format string) {
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(b, format, i)
	}
}

// rereadWithText reads the plugin's query again through the wrapper when
// that prepares as a single statement with the same columns. It reports
// false when the query cannot be wrapped; the caller then keeps the first
// reading.
func (c *call) rereadWithText(text string, args []any, names []string, limit int) (rowsRead, bool, error) {
	if shapeOf(text).statements != 1 {
		return rowsRead{}, false, nil
	}
	wrapped := textPreservingSQL(text, len(names))
	if shapeOf(wrapped).statements != 1 {
		return rowsRead{}, false, nil
	}
	if n, ok := c.columnCount(wrapped, true); !ok || n != len(names) {
		return rowsRead{}, false, nil
	}
	rows, err := c.query(wrapped, args, true)
	if err != nil {
		return rowsRead{}, true, err
	}
	read, err := readRows(rows, names, newResultBudget(limit))
	return read, true, failure(c.ctx, c.guard, err)
}
