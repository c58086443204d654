package sqlstore

import (
	"time"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// Option adjusts how Open and OpenReadOnly set up a DB.
type Option func(*settings)

type settings struct {
	maxResultBytes int
	maxValueBytes  int
	maxCallTime    time.Duration
}

// The defaults of SQL-9.
const (
	// DefaultMaxValueBytes is SQLITE_LIMIT_LENGTH on every connection: the
	// largest string, BLOB or row SQLite builds. Twice the line cap: no
	// larger value could be answered anyway, and a value just over the
	// result cap still reaches the result budget, which answers it with
	// RESPONSE_TOO_LARGE (SQL-8), or length() of it works.
	DefaultMaxValueBytes = 2 * wire.MaxLineBytes
	// DefaultMaxCallTime bounds one operation in real time; SQLite is
	// interrupted when it passes.
	DefaultMaxCallTime = 5 * time.Second
)

func defaultSettings() settings {
	return settings{maxResultBytes: wire.MaxResultBytes, maxValueBytes: DefaultMaxValueBytes, maxCallTime: DefaultMaxCallTime}
}

// WithMaxCallTime sets how long, in real time, one operation may run before
// SQLite is interrupted and the call fails with SQL_ERROR (default
// DefaultMaxCallTime, SQL-9). Tests use a small value.
func WithMaxCallTime(d time.Duration) Option {
	return func(s *settings) { s.maxCallTime = d }
}

// WithMaxResultBytes sets the largest encoded result Query, Read, KVList and
// KVGetMany may build (default wire.MaxResultBytes, SVC-6). Reading stops
// with RESPONSE_TOO_LARGE as soon as the rows read so far would encode to
// more, so memory stays bounded however large the table is. Tests use a
// small value to reach the limit cheaply.
func WithMaxResultBytes(n int) Option {
	return func(s *settings) { s.maxResultBytes = n }
}
