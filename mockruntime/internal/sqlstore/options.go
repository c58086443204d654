package sqlstore

import "github.com/conform-dev/conform/mockruntime/wire"

// Option adjusts how Open and OpenReadOnly set up a DB.
type Option func(*settings)

type settings struct {
	maxResultBytes int
}

func defaultSettings() settings {
	return settings{maxResultBytes: wire.MaxResultBytes}
}

// WithMaxResultBytes sets the largest encoded result Query, Read, KVList and
// KVGetMany may build (default wire.MaxResultBytes, SVC-6). Reading stops
// with RESPONSE_TOO_LARGE as soon as the rows read so far would encode to
// more, so memory stays bounded however large the table is. Tests use a
// small value to reach the limit cheaply.
func WithMaxResultBytes(n int) Option {
	return func(s *settings) { s.maxResultBytes = n }
}
