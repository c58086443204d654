//go:build !unix

package inputfile

// openFlags is 0 where the system has no O_NONBLOCK: Open relies on its
// Stat before the open.
const openFlags = 0
