package framing

import (
	"bytes"
	"errors"
	"io"
	"sync"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// ErrLineTooLong reports a line that reached the cap plus one byte without a
// newline (FRAME-8).
var ErrLineTooLong = errors.New("line exceeds the 4,194,304-byte cap")

// lineBuffers recycles the line buffers of finished plugin processes, so a
// run that starts many processes does not allocate a fresh 4 MiB per line.
var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// LineReader splits a byte stream into lines. It never holds more than max+1
// bytes of one line (FRAME-9): the buffer starts at 64 KiB, grows on demand
// up to max+1 bytes, and a line that fills it without a newline is an error. Not safe for
// concurrent use: one reader goroutine owns it.
type LineReader struct {
	r     io.Reader
	max   int
	split bool // hand out over-long lines in pieces of max bytes instead of failing
	buf   []byte
	start int // first byte of the current line
	scan  int // bytes before scan hold no newline
	end   int // bytes after end are free
	err   error
	// unterminated is set once Next has handed out a last line that had
	// no newline (FRAME-16, FRAME-17).
	unterminated bool
}

func NewLineReader(r io.Reader, max int) *LineReader {
	b := lineBuffers.Get().(*[]byte)
	// A recycled buffer may have grown for a reader with a larger cap; use
	// no more of it than this reader may hold (FRAME-9).
	return &LineReader{r: r, max: max, buf: (*b)[:min(cap(*b), max+1)]}
}

// SplitLong makes the reader hand out a line longer than max in pieces of
// max bytes instead of failing (stderr, FRAME-12). Call it before Next.
func (lr *LineReader) SplitLong() { lr.split = true }

// Unterminated reports whether Next has handed out a last line that had no
// newline (FRAME-16, FRAME-17).
func (lr *LineReader) Unterminated() bool { return lr.unterminated }

// Release returns the buffer to the pool; the reader must not be used after.
func (lr *LineReader) Release() {
	b := lr.buf[:0]
	lr.buf = nil
	lineBuffers.Put(&b)
}

// Next returns the next line without its newline. The slice is valid until
// the following call. A last line without a newline is returned when the
// stream ends (FRAME-16); after that next returns the stream's error
// (io.EOF at a clean end). A line longer than max returns ErrLineTooLong.
func (lr *LineReader) Next() ([]byte, error) {
	for {
		if i := bytes.IndexByte(lr.buf[lr.scan:lr.end], '\n'); i >= 0 {
			nl := lr.scan + i
			if nl-lr.start > lr.max {
				return lr.overLong()
			}
			line := lr.buf[lr.start:nl]
			lr.start, lr.scan = nl+1, nl+1
			return line, nil
		}
		lr.scan = lr.end
		if lr.end-lr.start > lr.max {
			return lr.overLong()
		}
		if lr.err != nil {
			return lr.tail()
		}
		lr.fill()
	}
}

// overLong handles a line longer than max: an error, or in split mode its
// first max bytes as a piece.
func (lr *LineReader) overLong() ([]byte, error) {
	if !lr.split {
		return nil, ErrLineTooLong
	}
	piece := lr.buf[lr.start : lr.start+lr.max]
	lr.start += lr.max
	lr.scan = lr.start
	return piece, nil
}

// tail hands out an unterminated last line once, then the stream's error.
func (lr *LineReader) tail() ([]byte, error) {
	if lr.end > lr.start {
		line := lr.buf[lr.start:lr.end]
		lr.start, lr.scan = lr.end, lr.end
		lr.unterminated = true
		return line, nil
	}
	return nil, lr.err
}

// fill makes room (compacting, then growing up to max+1) and reads once.
func (lr *LineReader) fill() {
	if lr.start > 0 && lr.end == len(lr.buf) {
		n := copy(lr.buf, lr.buf[lr.start:lr.end])
		lr.scan -= lr.start
		lr.start, lr.end = 0, n
	}
	if lr.end == len(lr.buf) {
		size := min(max(2*len(lr.buf), 64<<10), lr.max+1)
		grown := make([]byte, size)
		copy(grown, lr.buf[:lr.end])
		lr.buf = grown
	}
	n, err := lr.r.Read(lr.buf[lr.end:])
	lr.end += n
	if err != nil {
		lr.err = err
	}
}

// Kind is how a stdout line is classified (FRAME-2, FRAME-13, FRAME-14).
type Kind int

const (
	Empty Kind = iota
	Frame
	Log
)

// Classify strips a trailing carriage return and tells frames from log
// lines. For a frame it returns the bytes after the prefix.
func Classify(line []byte) (Kind, []byte) {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	switch {
	case len(line) == 0:
		return Empty, nil
	case bytes.HasPrefix(line, []byte(wire.FramePrefix)):
		return Frame, line[len(wire.FramePrefix):]
	default:
		return Log, line
	}
}
