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
	// Elided counts the bytes of the line beyond the first 64 KiB, which
	// were not kept (FRAME-28).
	Elided int
}

// LogBuffer keeps the most recent log lines of one plugin, bounded by a
// line count and by the bytes of their text (FRAME-28), so a plugin flooding
// its output costs constant memory. Safe for concurrent use.
type LogBuffer struct {
	mu       sync.Mutex
	lines    []LogLine // oldest first
	bytes    int
	maxLines int
	maxBytes int
	total    int
}

// DefaultLogBytes bounds the text one plugin's log buffer keeps unless
// Options.LogBytes says otherwise (FRAME-28).
const DefaultLogBytes = 1 << 20

// maxLogLineBytes is the most of one log line the runtime keeps, in the
// log buffer and the transcript; the rest is counted as elided (FRAME-28).
const maxLogLineBytes = 64 << 10

func newLogBuffer(maxLines, maxBytes int) *LogBuffer {
	return &LogBuffer{maxLines: maxLines, maxBytes: maxBytes}
}

func (b *LogBuffer) add(l LogLine) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.total++
	b.lines = append(b.lines, l)
	b.bytes += len(l.Text)
	for len(b.lines) > 1 && (len(b.lines) > b.maxLines || b.bytes > b.maxBytes) {
		b.bytes -= len(b.lines[0].Text)
		b.lines[0] = LogLine{}
		b.lines = b.lines[1:]
	}
}

// Lines returns the kept lines, oldest first.
func (b *LogBuffer) Lines() []LogLine {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]LogLine(nil), b.lines...)
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
