package sqlstore

import (
	"context"
	"database/sql"
)

// KVPair is one entry of a KVList result. A KVPair is a plain value.
type KVPair struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// MarshalJSON encodes the pair as {"key":…,"value":…}, the same bytes the
// result budget counted.
func (p KVPair) MarshalJSON() ([]byte, error) {
	b := append(appendJSONString([]byte(`{"key":`), p.Key), `,"value":`...)
	return append(appendJSONString(b, p.Value), '}'), nil
}

// KVList returns up to limit pairs (DefaultListLimit when limit is not
// positive) whose keys start with prefix byte for byte, in ascending byte
// order of keys (KV-3). % and _ are ordinary characters: the prefix becomes
// a key range, never a LIKE pattern. Safe for concurrent use.
func (db *DB) KVList(ctx context.Context, prefix string, limit int) ([]KVPair, error) {
	if limit <= 0 {
		limit = DefaultListLimit
	}
	text, args := kvListQuery(prefix, limit)
	pairs := []KVPair{}
	err := db.do(ctx, func(c *call) error {
		rows, err := c.query(text, args, false)
		if err != nil {
			return err
		}
		pairs, err = readPairs(rows, newResultBudget(db.maxResultBytes))
		return failure(c.ctx, c.guard, err)
	})
	if err != nil {
		return nil, err
	}
	return pairs, nil
}

func kvListQuery(prefix string, limit int) (string, []any) {
	const columns = `SELECT key, value FROM _kv `
	const order = ` ORDER BY key LIMIT ?`
	if prefix == "" {
		return columns + order, []any{limit}
	}
	if upper, ok := prefixUpperBound(prefix); ok {
		return columns + `WHERE key >= ? AND key < ?` + order, []any{prefix, upper, limit}
	}
	return columns + `WHERE key >= ?` + order, []any{prefix, limit}
}

// prefixUpperBound returns the smallest string above every string that
// starts with prefix, comparing bytes as SQLite's BINARY collation does. A
// prefix of 0xFF bytes only has no such bound.
func prefixUpperBound(prefix string) (string, bool) {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}

func readPairs(rows *sql.Rows, budget *resultBudget) ([]KVPair, error) {
	defer rows.Close()
	pairs := []KVPair{}
	for rows.Next() {
		var p KVPair
		if err := rows.Scan(&p.Key, &p.Value); err != nil {
			return nil, err
		}
		if err := budget.addString(len(`{"key":,"value":}`), p.Key, p.Value); err != nil {
			return nil, err
		}
		pairs = append(pairs, p)
	}
	return pairs, rows.Err()
}
