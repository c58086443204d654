package framing

import (
	"errors"
	"io"
	"syscall"
)

// rawConn is nil on Windows: anonymous pipes there are not in the poller
// and a write blocks, so every line goes through the writer goroutine.
func rawConn(io.WriteCloser) syscall.RawConn { return nil }

// rawWrite is never called on Windows (rawConn is nil).
func rawWrite(uintptr, []byte) (int, error) { return 0, errors.New("no raw writes on Windows") }
