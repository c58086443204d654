package sqlstore

import (
	"fmt"
	"strings"
)

// readSQL collects the text and arguments of the statement Read runs.
type readSQL struct {
	text  strings.Builder
	args  []any
	table string
}

// build writes SELECT +"c" AS "c", … FROM "t" WHERE … ORDER BY … LIMIT ?
// OFFSET ?. Each selected column is a unary plus so SQLite reports no
// declared type and the driver leaves text as text (see datetext.go);
// conditions and ordering name the table's columns, qualified, so indexes
// apply.
func (q ReadQuery) build() (string, []any, error) {
	if err := q.check(); err != nil {
		return "", nil, err
	}
	s := &readSQL{table: quoteIdent(q.Table)}
	s.text.WriteString("SELECT ")
	for i, col := range q.Select {
		s.separate(i, ", ")
		s.text.WriteString("+" + quoteIdent(col) + " AS " + quoteIdent(col))
	}
	s.text.WriteString(" FROM " + s.table)
	for i, cond := range q.Where {
		s.separate(i, " AND ")
		if err := s.condition(i, cond); err != nil {
			return "", nil, err
		}
	}
	for i, o := range q.OrderBy {
		s.separate(i, ", ")
		s.order(i, o)
	}
	s.text.WriteString(" LIMIT ? OFFSET ?")
	s.args = append(s.args, q.limit(), q.Offset)
	return s.text.String(), s.args, nil
}

func (q ReadQuery) limit() int {
	if q.Limit == 0 {
		return DefaultReadLimit
	}
	return q.Limit
}

func (s *readSQL) separate(i int, sep string) {
	if i > 0 {
		s.text.WriteString(sep)
	}
}

func (s *readSQL) column(name string) string {
	return s.table + "." + quoteIdent(name)
}

func (s *readSQL) order(i int, o Order) {
	if i == 0 {
		s.text.WriteString(" ORDER BY ")
	}
	s.text.WriteString(s.column(o.Column))
	if o.Desc {
		s.text.WriteString(" DESC")
	} else {
		s.text.WriteString(" ASC")
	}
}

var comparisons = map[string]string{"=": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

func (s *readSQL) condition(i int, c Cond) error {
	if i == 0 {
		s.text.WriteString(" WHERE ")
	}
	s.text.WriteString(s.column(c.Column))
	pointer := fmt.Sprintf("/where/%d/value", i)
	switch {
	case c.Op == "in":
		return s.inList(pointer, i, c.Value)
	case c.Value == nil && c.Op == "=":
		s.text.WriteString(" IS NULL")
		return nil
	case c.Value == nil && c.Op == "!=":
		s.text.WriteString(" IS NOT NULL")
		return nil
	}
	v, err := bindValue(c.Value)
	if err != nil {
		return invalidParam(pointer, i, "the value %s", err)
	}
	s.text.WriteString(" " + comparisons[c.Op] + " ?")
	s.args = append(s.args, v)
	return nil
}

func (s *readSQL) inList(pointer string, index int, value any) error {
	list, ok := value.([]any)
	if !ok {
		return invalidParam(pointer, index, "the value of an in condition must be an array")
	}
	s.text.WriteString(" IN (")
	for j, item := range list {
		v, err := bindValue(item)
		if err != nil {
			return invalidParam(fmt.Sprintf("%s/%d", pointer, j), index, "the value %s", err)
		}
		s.separate(j, ", ")
		s.text.WriteString("?")
		s.args = append(s.args, v)
	}
	s.text.WriteString(")")
	return nil
}

// check refuses what cannot become valid SQL: no columns, an empty name or
// one with a NUL byte (SQLite would cut the text there), an unknown
// operator, a negative limit or offset.
func (q ReadQuery) check() error {
	if len(q.Select) == 0 {
		return invalidParam("/select", -1, "a read must select at least one column")
	}
	if err := checkIdent("/table", -1, q.Table); err != nil {
		return err
	}
	for i, col := range q.Select {
		if err := checkIdent(fmt.Sprintf("/select/%d", i), i, col); err != nil {
			return err
		}
	}
	for i, c := range q.Where {
		if err := checkIdent(fmt.Sprintf("/where/%d/column", i), i, c.Column); err != nil {
			return err
		}
		if _, ok := comparisons[c.Op]; !ok && c.Op != "in" {
			return invalidParam(fmt.Sprintf("/where/%d/op", i), i, "unknown operator %q", c.Op)
		}
	}
	for i, o := range q.OrderBy {
		if err := checkIdent(fmt.Sprintf("/order_by/%d/column", i), i, o.Column); err != nil {
			return err
		}
	}
	if q.Limit < 0 {
		return invalidParam("/limit", -1, "the limit must not be negative")
	}
	if q.Offset < 0 {
		return invalidParam("/offset", -1, "the offset must not be negative")
	}
	return nil
}

func checkIdent(pointer string, index int, name string) error {
	if name == "" || strings.IndexByte(name, 0) >= 0 {
		return invalidParam(pointer, index, "%q is not a usable identifier", name)
	}
	return nil
}

// quoteIdent quotes an SQL identifier, doubling any quote inside it.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
