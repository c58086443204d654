package service

import "context"

// KVStore is the backend of data.kv (§9.3) and of the host's Plugin.KV: it
// opens each plugin's key/value store. Without one, a plugin's Database
// serves KV when it implements KV (the built-in SQLite one does, with its
// _kv table).
//
// The runtime opens a plugin's KV on its first use and closes it when the
// plugin is unloaded or the runtime closes. Open may be called
// concurrently.
type KVStore interface {
	Open(p Plugin) (KV, error)
}

// KV is one plugin's key/value store. Keys and values are strings; the
// runtime has checked the params against their schema, but the byte
// length of keys (KV-1) is the backend's to check. Errors are sent as
// their *wire.Error, any other as INTERNAL. Every method may be called
// concurrently.
type KV interface {
	// Get returns the value of key and whether it is set.
	Get(ctx context.Context, key string) (string, bool, error)
	// Set stores value under key, replacing any value it had.
	Set(ctx context.Context, key, value string) error
	// Delete removes key; removing a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// List returns up to limit pairs (limit <= 0: the backend's default)
	// whose keys start with prefix, in byte order of keys (KV-3), as a
	// JSON array of {"key","value"} objects.
	List(ctx context.Context, prefix string, limit int) (any, error)
	// GetMany returns a JSON object of every key with its value, null for
	// a missing key.
	GetMany(ctx context.Context, keys []string) (any, error)
	Close() error
}
