package sqlstore

import (
	"context"
	"database/sql"
	"errors"
)

// createKVTable is the KV store's table in the plugin's own database (KV-2).
const createKVTable = `CREATE TABLE IF NOT EXISTS _kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)`

const (
	// MaxKeyBytes is the longest KV key (KV-1).
	MaxKeyBytes = 1024
	// DefaultListLimit is the number of pairs KVList returns when the
	// caller gives no limit.
	DefaultListLimit = 1000
)

// KVGet returns the value of key and whether it exists. Safe for
// concurrent use.
func (db *DB) KVGet(ctx context.Context, key string) (string, bool, error) {
	if err := checkKey(key, "/key", -1); err != nil {
		return "", false, err
	}
	var (
		value string
		found bool
	)
	err := db.do(ctx, func(c *call) error {
		c.guard.enter(false)
		err := c.conn.QueryRowContext(c.ctx, `SELECT value FROM _kv WHERE key = ?`, key).Scan(&value)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		found = err == nil
		return failure(c.ctx, c.guard, err)
	})
	return value, found, err
}

// KVSet stores value under key, replacing any value it had. Safe for
// concurrent use.
func (db *DB) KVSet(ctx context.Context, key, value string) error {
	if err := checkKey(key, "/key", -1); err != nil {
		return err
	}
	return db.do(ctx, func(c *call) error {
		_, err := c.exec(`INSERT INTO _kv (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, []any{key, value}, false)
		return err
	})
}

// KVDelete removes key; removing a missing key is not an error. Safe for
// concurrent use.
func (db *DB) KVDelete(ctx context.Context, key string) error {
	if err := checkKey(key, "/key", -1); err != nil {
		return err
	}
	return db.do(ctx, func(c *call) error {
		_, err := c.exec(`DELETE FROM _kv WHERE key = ?`, []any{key}, false)
		return err
	})
}

// checkKey enforces KV-1's key length in bytes, which a JSON Schema,
// counting characters, cannot.
func checkKey(key, pointer string, index int) error {
	if key == "" || len(key) > MaxKeyBytes {
		return invalidParam(pointer, index, "a key must be 1 to %d bytes long, not %d", MaxKeyBytes, len(key))
	}
	return nil
}
