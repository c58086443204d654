package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// KVValues is a KVGetMany result: each requested key with its value, or nil
// for a missing key. It marshals with its keys in byte order. It belongs to
// the caller, like any map.
type KVValues map[string]*string

// MarshalJSON encodes the values as one object, keys in byte order.
func (v KVValues) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	keys := slices.Sorted(maps.Keys(v))
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(b, k), ':')
		if value := v[k]; value != nil {
			b = appendJSONString(b, *value)
		} else {
			b = append(b, "null"...)
		}
	}
	return append(b, '}'), nil
}

// KVGetMany returns every key in keys with its value, nil for a missing
// one. Safe for concurrent use.
func (db *DB) KVGetMany(ctx context.Context, keys []string) (KVValues, error) {
	for i, key := range keys {
		if err := checkKey(key, fmt.Sprintf("/keys/%d", i), i); err != nil {
			return nil, err
		}
	}
	values, budget, err := allMissing(keys, db.maxResultBytes)
	if err != nil {
		return nil, err
	}
	err = db.do(ctx, func(c *call) error {
		rows, err := c.query(kvGetManyQuery(len(keys)), stringArgs(keys), false)
		if err != nil {
			return err
		}
		return failure(c.ctx, c.guard, fillValues(rows, values, budget))
	})
	if err != nil {
		return nil, err
	}
	return values, nil
}

// allMissing starts a result with every key missing, and a budget that has
// counted it so.
func allMissing(keys []string, limit int) (KVValues, *resultBudget, error) {
	values := make(KVValues, len(keys))
	budget := newResultBudget(limit)
	for _, key := range keys {
		if _, seen := values[key]; seen {
			continue
		}
		values[key] = nil
		if err := budget.addString(len(":null"), key); err != nil {
			return nil, nil, err
		}
	}
	return values, budget, nil
}

func kvGetManyQuery(n int) string {
	return `SELECT key, value FROM _kv WHERE key IN (` + strings.TrimSuffix(strings.Repeat("?,", n), ",") + `)`
}

func stringArgs(keys []string) []any {
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	return args
}

// fillValues stores each row's value under its key, counting it against
// the budget in place of the null already counted.
func fillValues(rows *sql.Rows, values KVValues, budget *resultBudget) error {
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return err
		}
		if err := budget.replace(len("null"), value); err != nil {
			return err
		}
		values[key] = &value
	}
	return rows.Err()
}
