package sqlstore

import "slices"

// Row is one result row: its values in column order. It marshals to a JSON
// object whose keys keep that order, so `SELECT b, a` gives {"b":…,"a":…}
// (SQL-3). Values are int64 (INTEGER), float64 (REAL), string (TEXT, and
// BLOB as base64) or nil (NULL). When a statement names two columns alike,
// the object has the name once, at its first position, with the last
// value, as a JavaScript object built column by column would.
//
// A Row is immutable; any number of goroutines may read it.
type Row struct {
	columns *columnSet
	values  []any
}

// Columns returns the row's column names in order.
func (r Row) Columns() []string { return slices.Clone(r.names()) }

// Values returns the row's values in column order.
func (r Row) Values() []any { return slices.Clone(r.values) }

// Len returns the number of columns.
func (r Row) Len() int { return len(r.values) }

// Get returns the value of the named column and whether the row has it.
func (r Row) Get(name string) (any, bool) {
	i := slices.Index(r.names(), name)
	if i < 0 {
		return nil, false
	}
	return r.values[i], true
}

// names returns the column names; the zero Row has none.
func (r Row) names() []string {
	if r.columns == nil {
		return nil
	}
	return r.columns.names
}

// MarshalJSON encodes the row as an object in column order.
func (r Row) MarshalJSON() ([]byte, error) {
	return r.appendJSON(nil), nil
}

func (r Row) appendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, v := range r.values {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r.columns.keys[i]...)
		b = appendJSONValue(b, v)
	}
	return append(b, '}')
}

// columnSet describes the columns of one result, shared by its rows.
type columnSet struct {
	names []string // distinct names in order of first appearance
	keys  [][]byte // each name encoded as a JSON string and a colon
	slots []int    // for each result column, the index of its name
}

func newColumnSet(resultColumns []string) *columnSet {
	cs := &columnSet{slots: make([]int, len(resultColumns))}
	for i, name := range resultColumns {
		slot := slices.Index(cs.names, name)
		if slot < 0 {
			slot = len(cs.names)
			cs.names = append(cs.names, name)
			cs.keys = append(cs.keys, append(appendJSONString(nil, name), ':'))
		}
		cs.slots[i] = slot
	}
	return cs
}

// row builds a Row from one scanned value per result column.
func (cs *columnSet) row(scanned []any) Row {
	values := make([]any, len(cs.names))
	for i, v := range scanned {
		values[cs.slots[i]] = v
	}
	return Row{columns: cs, values: values}
}
