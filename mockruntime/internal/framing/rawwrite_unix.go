//go:build unix

package framing

import (
	"io"
	"syscall"
)

// rawConn gives non-blocking access to w when it is a pipe (os.Pipe files
// are in the runtime poller on Unix), nil otherwise.
func rawConn(w io.WriteCloser) syscall.RawConn {
	if sc, ok := w.(syscall.Conn); ok {
		if raw, err := sc.SyscallConn(); err == nil {
			return raw
		}
	}
	return nil
}

// rawWrite is one write(2) on a non-blocking descriptor.
func rawWrite(fd uintptr, b []byte) (int, error) { return syscall.Write(int(fd), b) }
