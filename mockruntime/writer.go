package mockruntime

import (
	"errors"
	"io"
	"sync"
)

// Limits of the queue in front of a plugin's stdin (FRAME-25).
const (
	writerQueueFrames = 4096
	writerQueueBytes  = 64 << 20
)

var (
	errWriterFull   = errors.New("the plugin is not reading its stdin: the outgoing queue is full")
	errWriterClosed = errors.New("the plugin's stdin is closed")
)

// stdinWriter owns a plugin's stdin: one goroutine writes queued lines, each
// frame with its newline in a single Write (FRAME-3). Enqueueing never
// blocks; a full queue is reported so the caller can declare the plugin hung
// (FRAME-25). enqueue and closeStdin may be called from any goroutine.
type stdinWriter struct {
	w      io.WriteCloser
	mu     sync.Mutex
	cond   *sync.Cond
	queue  [][]byte
	bytes  int
	closed bool // no more enqueues; close w once the queue drains
	failed error
	done   chan struct{}
}

func newStdinWriter(w io.WriteCloser) *stdinWriter {
	sw := &stdinWriter{w: w, done: make(chan struct{})}
	sw.cond = sync.NewCond(&sw.mu)
	go sw.run()
	return sw
}

// enqueue queues one complete line (which must end in '\n').
func (sw *stdinWriter) enqueue(line []byte) error {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	switch {
	case sw.closed:
		return errWriterClosed
	case sw.failed != nil:
		return sw.failed
	case len(sw.queue) >= writerQueueFrames || sw.bytes+len(line) > writerQueueBytes:
		return errWriterFull
	}
	sw.queue = append(sw.queue, line)
	sw.bytes += len(line)
	sw.cond.Signal()
	return nil
}

// closeStdin stops accepting lines; the writer sends what is queued, then
// closes the pipe, so the plugin sees end of file after the last frame.
func (sw *stdinWriter) closeStdin() {
	sw.mu.Lock()
	sw.closed = true
	sw.cond.Signal()
	sw.mu.Unlock()
}

// abort drops the queue and closes the pipe at once; a write in progress
// fails when the process dies. Safe to call more than once.
func (sw *stdinWriter) abort() {
	sw.mu.Lock()
	sw.queue, sw.bytes, sw.closed = nil, 0, true
	sw.cond.Signal()
	sw.mu.Unlock()
	_ = sw.w.Close()
}

func (sw *stdinWriter) run() {
	defer close(sw.done)
	defer sw.w.Close()
	for {
		line, ok := sw.take()
		if !ok {
			return
		}
		if _, err := sw.w.Write(line); err != nil {
			sw.mu.Lock()
			sw.failed, sw.queue, sw.bytes = err, nil, 0
			sw.mu.Unlock()
			return
		}
	}
}

// take waits for the next line; it reports false once closed and drained.
func (sw *stdinWriter) take() ([]byte, bool) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	for len(sw.queue) == 0 && !sw.closed {
		sw.cond.Wait()
	}
	if len(sw.queue) == 0 {
		return nil, false
	}
	line := sw.queue[0]
	sw.queue[0] = nil
	sw.queue = sw.queue[1:]
	sw.bytes -= len(line)
	return line, true
}
