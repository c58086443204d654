package sqlstore

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// busyTimeout is how long SQLite waits for another connection's lock before
// failing with SQLITE_BUSY. It is SQLite's own wall-clock wait, not a
// protocol timer, so it does not come from the runtime's clock.
const busyTimeout = 5 * time.Second

// readWriteDSN opens (creating if needed) the database at path in WAL mode
// with synchronous=NORMAL, foreign keys on and SQLite's defensive mode, which
// stops ordinary statements from corrupting the file (writable_schema,
// sqlite_dbpage writes).
func readWriteDSN(path string) (string, error) {
	return fileURI(path, []string{
		"_journal_mode=WAL",
		"_synchronous=NORMAL",
		"_foreign_keys=1",
		"_defensive=1",
		busyTimeoutParam(),
	})
}

// readOnlyDSN opens the database at path read-only at the SQLite level:
// mode=ro never creates the file and fails every write with
// SQLITE_READONLY, and query_only is a second lock on top.
func readOnlyDSN(path string) (string, error) {
	return fileURI(path, []string{"mode=ro", "_query_only=1", busyTimeoutParam()})
}

func busyTimeoutParam() string {
	return fmt.Sprintf("_busy_timeout=%d", busyTimeout.Milliseconds())
}

// fileURI turns path into an SQLite "file:" URI, escaping the characters
// ('?', '#', '%', spaces) that would otherwise change its meaning, so that
// SQLite's own URI parameters such as mode=ro take effect.
func fileURI(path string, params []string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("sqlstore: resolving %q: %w", path, err)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: strings.Join(params, "&")}
	return u.String(), nil
}
