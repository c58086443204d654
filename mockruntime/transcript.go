package mockruntime

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
)

// Entry kinds of a transcript (CONFORMANCE.md §12).
const (
	KindFrame    = "frame"
	KindLog      = "log"
	KindDecision = "decision"
)

// Frame directions, from the runtime's point of view.
const (
	DirIn  = "in"  // from the plugin
	DirOut = "out" // to the plugin
)

// maxTranscriptFrameBytes is the largest frame kept whole in a transcript;
// larger ones keep their envelope and record how many bytes were elided.
const maxTranscriptFrameBytes = 256 << 10

// Entry is one transcript line: a frame in either direction, a log line, or
// a decision the runtime took. Entries are immutable once recorded.
type Entry struct {
	Seq      int64           `json:"seq"`
	T        int64           `json:"t"`
	Plugin   string          `json:"plugin"`
	Kind     string          `json:"kind"`
	Dir      string          `json:"dir,omitempty"`
	Frame    json.RawMessage `json:"frame,omitempty"`
	Elided   int             `json:"elided_bytes,omitempty"`
	Stream   string          `json:"stream,omitempty"`
	Line     string          `json:"line,omitempty"`
	Decision string          `json:"decision,omitempty"`
	Rule     string          `json:"rule,omitempty"`
	Detail   string          `json:"detail,omitempty"`
	Data     map[string]any  `json:"data,omitempty"`

	frameType string
	frameID   string
}

// FrameType returns the `type` of a frame entry ("" for other kinds).
func (e Entry) FrameType() string { return e.frameType }

// FrameID returns the `id` of a frame entry, if it has a string one.
func (e Entry) FrameID() string { return e.frameID }

// Decode unmarshals the entry's frame into v.
func (e Entry) Decode(v any) error { return json.Unmarshal(e.Frame, v) }

// Transcript records everything that happens between a runtime and its
// plugins, numbered from 1 without gaps (TRN-1). It keeps at most a bounded
// number of entries (the oldest are forgotten a chunk at a time; numbering
// goes on). Entries live in fixed-size chunks, so recording never copies
// what is already stored. Safe for concurrent use; Changed lets readers
// wait for new entries without polling.
type Transcript struct {
	clock      clock.Clock
	limit      int
	limitBytes int            // bound on the bytes kept (TRN-2)
	bytes      int            // the estimated bytes of the kept entries
	noticed    bool           // a truncation notice is kept
	noticeSeq  int64          // its Seq
	sink       TranscriptSink // set once, before the first entry
	mu         sync.Mutex
	chunks     [][]Entry // full chunks, then the one being filled
	first      int64     // Seq of the oldest kept entry
	kept       int
	next       int64
	changed    chan struct{}
}

// TranscriptSink receives the entries of a runtime's transcript
// (Options.TranscriptSink): a file, a log, a test's own recorder. Record is
// called once per entry, in Seq order, with the transcript's lock held, on
// the goroutine that recorded the entry (a plugin's reader, a service
// call, a clock callback, a host call): it must return quickly and must
// not call the runtime or its transcript. Entries are immutable.
type TranscriptSink interface {
	Record(e Entry)
}

// transcriptChunk is how many entries one chunk holds.
const transcriptChunk = 4096

// DefaultTranscriptBytes bounds the bytes a transcript keeps unless
// Options.TranscriptBytes says otherwise (TRN-2).
const DefaultTranscriptBytes = 32 << 20

// entryOverhead is what an entry costs beyond its frame, line and detail
// bytes, in the estimate the byte budget counts.
const entryOverhead = 160

// NewTranscript returns an empty transcript keeping at most limit entries
// (limit <= 0 means 200,000; it keeps at least one chunk) and at most
// DefaultTranscriptBytes of them (see SetByteLimit).
func NewTranscript(c clock.Clock, limit int) *Transcript {
	if limit <= 0 {
		limit = 200_000
	}
	return &Transcript{clock: c, limit: max(limit, transcriptChunk), limitBytes: DefaultTranscriptBytes, first: 1, next: 1}
}

// SetByteLimit bounds the bytes the transcript keeps (n <= 0: the
// default): the oldest entries are forgotten, one at a time, as newer ones
// take their room, and the first time that happens an entry of decision
// truncated records it (TRN-2). Call it before the first entry.
func (t *Transcript) SetByteLimit(n int) {
	if n <= 0 {
		n = DefaultTranscriptBytes
	}
	t.mu.Lock()
	t.limitBytes = n
	t.mu.Unlock()
}

// entryBytes estimates what an entry holds in memory.
func entryBytes(e *Entry) int {
	return entryOverhead + len(e.Frame) + len(e.Line) + len(e.Detail) + 64*len(e.Data)
}

// add stamps e with the next sequence number and the clock time, stores it
// and wakes waiters. It returns the stored entry.
func (t *Transcript) add(e Entry) Entry {
	now := clock.Millis(t.clock.Now())
	t.mu.Lock()
	e.Seq, e.T = t.next, now
	t.next++
	if n := len(t.chunks); n == 0 || len(t.chunks[n-1]) == cap(t.chunks[n-1]) {
		t.chunks = append(t.chunks, make([]Entry, 0, transcriptChunk))
	}
	last := len(t.chunks) - 1
	t.chunks[last] = append(t.chunks[last], e)
	t.kept++
	t.bytes += entryBytes(&e)
	if t.sink != nil {
		t.sink.Record(e)
	}
	if t.kept-len(t.chunks[0]) >= t.limit {
		t.forgetChunkLocked()
	}
	notice := false
	for t.bytes > t.limitBytes && t.kept > 1 {
		t.forgetOldestLocked()
		notice = notice || !t.noticed
		t.noticed = true
	}
	ch := t.changed
	t.changed = nil
	limitBytes, forgotten := t.limitBytes, t.first-1
	t.mu.Unlock()
	if ch != nil {
		close(ch)
	}
	if notice {
		n := t.add(Entry{Plugin: "runtime", Kind: KindDecision, Decision: "truncated", Rule: "TRN-2",
			Detail: fmt.Sprintf("the transcript keeps at most %d bytes: its oldest entries are being forgotten", limitBytes),
			Data:   map[string]any{"limit_bytes": limitBytes, "forgotten_through": forgotten}})
		t.mu.Lock()
		t.noticeSeq = n.Seq
		t.mu.Unlock()
	}
	return e
}

// forgettingLocked notes that the entry seq is forgotten: when it is the
// truncation notice, the next entry forgotten for bytes records a new one,
// so a truncated transcript always says so (TRN-2).
func (t *Transcript) forgettingLocked(seq int64) {
	if t.noticed && seq == t.noticeSeq {
		t.noticed = false
	}
}

// forgetChunkLocked forgets the oldest chunk, for the entry limit.
func (t *Transcript) forgetChunkLocked() {
	for i := range t.chunks[0] {
		t.bytes -= entryBytes(&t.chunks[0][i])
		t.forgettingLocked(t.chunks[0][i].Seq)
	}
	t.kept -= len(t.chunks[0])
	t.first += int64(len(t.chunks[0]))
	t.chunks[0] = nil
	t.chunks = t.chunks[1:]
}

// forgetOldestLocked forgets the oldest entry, for the byte limit; the
// bytes it held are released at once, its slot with its chunk.
func (t *Transcript) forgetOldestLocked() {
	c := t.chunks[0]
	t.bytes -= entryBytes(&c[0])
	t.forgettingLocked(c[0].Seq)
	c[0] = Entry{}
	t.chunks[0] = c[1:]
	t.kept--
	t.first++
	if len(t.chunks[0]) == 0 && len(t.chunks) > 1 {
		t.chunks[0] = nil
		t.chunks = t.chunks[1:]
	}
}

// Changed returns a channel closed at the next recorded entry. The channel
// is made only when someone asks, so recording costs nothing extra while
// nobody waits.
func (t *Transcript) Changed() <-chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.changed == nil {
		t.changed = make(chan struct{})
	}
	return t.changed
}

// Since returns a copy of the entries with Seq > after, oldest first.
func (t *Transcript) Since(after int64) []Entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	skip := max(after-t.first+1, 0) // entries are numbered consecutively
	out := make([]Entry, 0, max(int64(t.kept)-skip, 0))
	for _, c := range t.chunks {
		if skip >= int64(len(c)) {
			skip -= int64(len(c))
			continue
		}
		out = append(out, c[skip:]...)
		skip = 0
	}
	return out
}

// Entries returns a copy of every kept entry.
func (t *Transcript) Entries() []Entry { return t.Since(0) }

// LastSeq returns the sequence number of the newest entry (0 when empty).
func (t *Transcript) LastSeq() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.next - 1
}

// WriteNDJSON writes every kept entry as one JSON object per line, in the
// format of schemas/transcript.json.
func (t *Transcript) WriteNDJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, e := range t.Entries() {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// recordFrame adds a frame entry. raw is the frame's JSON; a frame larger
// than maxTranscriptFrameBytes is kept as its envelope only.
func (t *Transcript) recordFrame(plugin, dir, typ, id string, raw []byte, envelope func() []byte) Entry {
	e := Entry{Plugin: plugin, Kind: KindFrame, Dir: dir, frameType: typ, frameID: id}
	if len(raw) > maxTranscriptFrameBytes && envelope != nil {
		e.Frame, e.Elided = envelope(), len(raw)
	} else {
		e.Frame = append(json.RawMessage(nil), raw...)
	}
	return t.add(e)
}

// recordSent adds a frame the runtime sends. line is kept as is (the
// caller never modifies it), so the hot path copies nothing.
func (t *Transcript) recordSent(plugin, typ, id string, line []byte, envelope func() []byte) Entry {
	e := Entry{Plugin: plugin, Kind: KindFrame, Dir: DirOut, frameType: typ, frameID: id, Frame: line}
	if len(line) > maxTranscriptFrameBytes && envelope != nil {
		e.Frame, e.Elided = envelope(), len(line)
	}
	return t.add(e)
}

// recordLog adds a log line; elided counts the bytes of the line that were
// not kept (FRAME-28).
func (t *Transcript) recordLog(plugin, stream, line string, elided int) Entry {
	return t.add(Entry{Plugin: plugin, Kind: KindLog, Stream: stream, Line: line, Elided: elided})
}

func (t *Transcript) recordDecision(plugin, decision, rule, detail string, data map[string]any) Entry {
	return t.add(Entry{Plugin: plugin, Kind: KindDecision, Decision: decision, Rule: rule, Detail: detail, Data: data})
}

// elapsedMillis converts a duration for transcript data.
func elapsedMillis(d time.Duration) int64 { return d.Milliseconds() }
