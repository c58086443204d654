package mockruntime

import (
	"sync"
	"time"
)

// LogLine is one line a plugin wrote outside the protocol (FRAME-6).
type LogLine struct {
	Plugin string
	Stream string // "stdout" or "stderr"
	Time   time.Time
	Text   string
}

// LogBuffer keeps the most recent log lines of one plugin in a ring bounded
// by a line count, so a plugin flooding its output costs constant memory.
// Safe for concurrent use.
type LogBuffer struct {
	mu    sync.Mutex
	ring  []LogLine
	head  int // index of the oldest line once the ring is full
	total int
}

func newLogBuffer(limit int) *LogBuffer { return &LogBuffer{ring: make([]LogLine, 0, limit)} }

func (b *LogBuffer) add(l LogLine) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.total++
	if len(b.ring) < cap(b.ring) {
		b.ring = append(b.ring, l)
		return
	}
	b.ring[b.head] = l
	b.head = (b.head + 1) % len(b.ring)
}

// Lines returns the kept lines, oldest first.
func (b *LogBuffer) Lines() []LogLine {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]LogLine, 0, len(b.ring))
	out = append(out, b.ring[b.head:]...)
	return append(out, b.ring[:b.head]...)
}

// Tail returns the last n lines of the given stream ("" for both), oldest
// first.
func (b *LogBuffer) Tail(stream string, n int) []LogLine {
	all := b.Lines()
	var out []LogLine
	for i := len(all) - 1; i >= 0 && len(out) < n; i-- {
		if stream == "" || all[i].Stream == stream {
			out = append(out, all[i])
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Total returns how many lines were ever added, including forgotten ones.
func (b *LogBuffer) Total() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.total
}
