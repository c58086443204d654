package framing

import (
	"errors"
	"io"
	"sync"
	"syscall"
	"time"
)

// Limits of the queue in front of a plugin's stdin (FRAME-25).
const (
	writerQueueFrames = 4096
	writerQueueBytes  = 64 << 20
)

// Errors of Enqueue.
var (
	// ErrWriterFull means the queue is full: the plugin stopped reading.
	ErrWriterFull = errors.New("the plugin is not reading its stdin: the outgoing queue is full")
	// ErrWriterClosed means CloseInput or Abort was called.
	ErrWriterClosed = errors.New("the plugin's stdin is closed")
)

// Writer owns a plugin's stdin. Frames go out in the order they were
// enqueued, each whole with its newline within one write, never split
// across writes by anyone else (FRAME-3); several small queued frames may
// share one write. When nothing is
// queued or being written, Enqueue writes at once on the caller's goroutine
// with a non-blocking write, which saves a goroutine hand-off per frame;
// whatever the pipe does not take goes to the queue, drained by the writer
// goroutine. Enqueueing never blocks; a full queue is reported so the caller
// can declare the plugin hung (FRAME-25). Enqueue, CloseInput and Abort may
// be called from any goroutine.
type Writer struct {
	w       io.WriteCloser
	raw     syscall.RawConn // non-blocking access to w, when it is a pipe
	mu      sync.Mutex
	cond    *sync.Cond
	queue   [][]byte
	bytes   int
	writing bool // someone (Enqueue's fast path or run) is writing now
	closed  bool // no more enqueues; close w once the queue drains
	failed  error
	done    chan struct{}
	// written counts the bytes the pipe has taken; progress is closed and
	// replaced each time it grows, for waiters judging whether the plugin
	// reads (FRAME-25).
	written  uint64
	progress chan struct{}
}

// NewWriter starts the writer goroutine of w; it ends, closing w, once
// CloseInput's queue is drained, after Abort, or on a write error.
func NewWriter(w io.WriteCloser) *Writer {
	sw := &Writer{w: w, done: make(chan struct{}), progress: make(chan struct{})}
	sw.raw = rawConn(w)
	sw.cond = sync.NewCond(&sw.mu)
	go sw.run()
	return sw
}

// Enqueue sends one complete line (which must end in '\n').
func (sw *Writer) Enqueue(line []byte) error {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	switch {
	case sw.closed:
		return ErrWriterClosed
	case sw.failed != nil:
		return sw.failed
	case len(sw.queue) >= writerQueueFrames || sw.bytes+len(line) > writerQueueBytes:
		return ErrWriterFull
	}
	if len(sw.queue) == 0 && !sw.writing && sw.raw != nil {
		line = sw.writeNow(line)
		if line == nil || sw.failed != nil {
			return sw.failed
		}
		// The pipe took part of the line: the rest goes first, before
		// anything enqueued while we were writing.
		sw.queue = append([][]byte{line}, sw.queue...)
	} else {
		sw.queue = append(sw.queue, line)
	}
	sw.bytes += len(line)
	sw.cond.Broadcast()
	return nil
}

// writeNow writes as much of line as the pipe takes without waiting and
// returns the rest (nil when all was written). sw.mu is held on entry and
// on return, released during the system call.
func (sw *Writer) writeNow(line []byte) []byte {
	sw.writing = true
	sw.mu.Unlock()
	var n int
	var werr error
	err := sw.raw.Write(func(fd uintptr) bool {
		n, werr = rawWrite(fd, line)
		return true // never wait: what is left goes to the writer goroutine
	})
	sw.mu.Lock()
	sw.writing = false
	sw.cond.Broadcast() // lines queued meanwhile wait for the writer goroutine
	if err == nil && werr != nil && !errors.Is(werr, syscall.EAGAIN) {
		err = werr
	}
	if err != nil {
		sw.failed, sw.queue, sw.bytes = err, nil, 0
		return nil
	}
	if n < 0 {
		n = 0
	}
	sw.advanceLocked(n)
	if n == len(line) {
		return nil
	}
	return line[n:]
}

// advanceLocked counts n bytes taken by the pipe and wakes the waiters on
// progress. sw.mu is held.
func (sw *Writer) advanceLocked(n int) {
	if n <= 0 {
		return
	}
	sw.written += uint64(n)
	close(sw.progress)
	sw.progress = make(chan struct{})
}

// Backlog returns how many frames and bytes are queued, not yet taken by
// the writer.
func (sw *Writer) Backlog() (frames, bytes int) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	return len(sw.queue), sw.bytes
}

// Progress returns the bytes the pipe has taken so far and a channel closed
// when it takes more.
func (sw *Writer) Progress() (uint64, <-chan struct{}) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	return sw.written, sw.progress
}

// EnqueueWait is Enqueue for a caller that may wait: while the queue is
// full it waits for room as long as the plugin keeps reading, and reports
// ErrWriterFull only once the pipe has taken nothing for stall (real
// time): lack of progress, not a full queue, is what shows a plugin is not
// reading (FRAME-25). It gives up with ErrWriterClosed when done closes.
func (sw *Writer) EnqueueWait(line []byte, stall time.Duration, done <-chan struct{}) error {
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		err := sw.Enqueue(line)
		if !errors.Is(err, ErrWriterFull) {
			return err
		}
		before, progress := sw.Progress()
		if timer == nil {
			timer = time.NewTimer(stall)
		}
		select {
		case <-progress:
			if after, _ := sw.Progress(); after != before {
				timer.Reset(stall)
			}
		case <-timer.C:
			return ErrWriterFull
		case <-done:
			return ErrWriterClosed
		}
	}
}

// Err reports why Enqueue would refuse a line now: ErrWriterClosed after
// CloseInput or Abort, the write error after a failed write; nil while it
// takes lines (a full queue aside).
func (sw *Writer) Err() error {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	switch {
	case sw.closed:
		return ErrWriterClosed
	default:
		return sw.failed
	}
}

// CloseInput stops accepting lines; the writer sends what is queued, then
// closes the pipe, so the plugin sees end of file after the last frame.
func (sw *Writer) CloseInput() {
	sw.mu.Lock()
	sw.closed = true
	sw.cond.Broadcast()
	sw.mu.Unlock()
}

// Abort drops the queue and closes the pipe at once; a write in progress
// fails when the process dies. Safe to call more than once.
func (sw *Writer) Abort() {
	sw.mu.Lock()
	sw.queue, sw.bytes, sw.closed = nil, 0, true
	sw.cond.Broadcast()
	sw.mu.Unlock()
	_ = sw.w.Close()
}

// batchBytes bounds how many bytes of small queued frames the writer
// gathers into one write.
const batchBytes = 256 << 10

func (sw *Writer) run() {
	defer close(sw.done)
	defer sw.w.Close()
	batch := make([]byte, 0, batchBytes)
	for {
		lines, ok := sw.take()
		if !ok {
			return
		}
		out := lines[0]
		if len(lines) > 1 {
			batch = batch[:0]
			for _, l := range lines {
				batch = append(batch, l...)
			}
			out = batch
		}
		n, err := sw.w.Write(out)
		sw.mu.Lock()
		sw.writing = false
		sw.advanceLocked(n)
		if err != nil {
			sw.failed, sw.queue, sw.bytes = err, nil, 0
		}
		sw.cond.Broadcast()
		sw.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// take waits until a line is queued and nobody is writing, claims the pipe
// and returns the next lines to write: one large line, or as many small
// ones as fit in a batch, in queue order. It reports false once closed and
// drained.
func (sw *Writer) take() ([][]byte, bool) {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	for (len(sw.queue) == 0 && !sw.closed) || sw.writing {
		sw.cond.Wait()
	}
	if len(sw.queue) == 0 || sw.failed != nil {
		return nil, false
	}
	n, size := 1, len(sw.queue[0])
	for n < len(sw.queue) && size+len(sw.queue[n]) <= batchBytes {
		size += len(sw.queue[n])
		n++
	}
	lines := append([][]byte(nil), sw.queue[:n]...)
	clear(sw.queue[:n])
	sw.queue = sw.queue[n:]
	sw.bytes -= size
	sw.writing = true
	return lines, true
}
