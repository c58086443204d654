//go:build unix

package inputfile

import "syscall"

// openFlags opens non-blocking, so that a named pipe swapped in after the
// Stat does not block the open; reads of a regular file ignore the flag.
const openFlags = syscall.O_NONBLOCK
