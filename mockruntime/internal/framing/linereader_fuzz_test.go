package framing

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// FuzzLineReader reads arbitrary bytes through a LineReader, with a small
// cap so that inputs the engine can make reach it, in pieces of a fuzzed
// size, in both modes (fail on an over-long line, or split it as stderr
// does). It checks the reader against a model of FRAME-8, FRAME-9,
// FRAME-12 and FRAME-16: the same lines in the same order, none longer
// than the cap, an over-long line refused only when it really is over the
// cap, every byte accounted for as a line, a newline or refused, and the
// reading ends within one call per byte. Each line is then classified
// (FRAME-2) and the bytes of its parts add up to the line.
func FuzzLineReader(f *testing.F) {
	for _, seed := range []struct {
		data  string
		limit uint16
		chunk uint8
		split bool
	}{
		{"IPC:{\"type\":\"ready\"}\nbooting\n", 64, 7, false},
		{"a\n\n\r\nIPC:{}\r\nlast", 10, 1, false},
		{"0123456789\n0123456789A\nok\n", 10, 3, false},
		{"abcdefg\nhi\nabcdef", 3, 2, true},
		{"ok\n0123456789AB", 10, 255, false},
		{"IPC:{}\nlog line\n", 0xffff, 64, false},
	} {
		f.Add([]byte(seed.data), seed.limit, seed.chunk, seed.split)
	}
	f.Fuzz(func(t *testing.T, data []byte, limit uint16, chunk uint8, split bool) {
		max := int(limit%300) + 1
		if limit >= 0xff00 {
			max = wire.MaxLineBytes // the real cap, and its buffer back in the pool
		}
		src := &fuzzReader{data: data, n: int(chunk)%67 + 1, eofWithData: chunk%2 == 1}
		lr := NewLineReader(src, max)
		if split {
			lr.SplitLong()
		}
		defer lr.Release()

		want := modelLines(data, max, split)
		var got [][]byte
		var err error
		for calls := 0; ; calls++ {
			if calls > len(data)+1 {
				t.Fatalf("no end after %d calls of Next on %d bytes", calls, len(data))
			}
			var line []byte
			if line, err = lr.Next(); err != nil {
				break
			}
			if len(line) > max {
				t.Fatalf("a line of %d bytes, over the cap of %d", len(line), max)
			}
			checkClassify(t, line)
			got = append(got, bytes.Clone(line))
		}

		if !equalLines(got, want.lines) {
			t.Fatalf("lines %q, want %q", got, want.lines)
		}
		if want.tooLong != errors.Is(err, ErrLineTooLong) || (!want.tooLong && !errors.Is(err, io.EOF)) {
			t.Fatalf("ended with %v, want too long %v", err, want.tooLong)
		}
		if lr.Unterminated() != want.unterminated {
			t.Fatalf("Unterminated() = %v, want %v", lr.Unterminated(), want.unterminated)
		}
		accounted := want.refused
		for _, line := range got {
			accounted += len(line)
		}
		accounted += want.newlines
		if accounted != len(data) {
			t.Fatalf("%d bytes in, %d accounted for (lines, %d newlines, %d refused)", len(data), accounted, want.newlines, want.refused)
		}
	})
}

// fuzzReader hands out its data n bytes per Read, and io.EOF either with
// the last bytes or on the Read after them; both are allowed of a Reader.
type fuzzReader struct {
	data        []byte
	n           int
	eofWithData bool
}

func (r *fuzzReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p, r.data[:min(r.n, len(r.data))])
	r.data = r.data[k:]
	if len(r.data) == 0 && r.eofWithData {
		return k, io.EOF
	}
	return k, nil
}

// modelResult is what a LineReader should make of an input.
type modelResult struct {
	lines        [][]byte
	newlines     int  // newlines consumed after the lines handed out
	refused      int  // bytes never handed out, from the first over-long line on
	tooLong      bool // the reading ends with ErrLineTooLong
	unterminated bool
}

// modelLines splits data the way CONFORMANCE.md says a reader with the cap
// max must: lines end at '\n'; a last line without one still counts
// (FRAME-16); a line over the cap is fatal (FRAME-8), or in split mode
// handed out in pieces of max bytes (FRAME-12).
func modelLines(data []byte, max int, split bool) modelResult {
	var m modelResult
	for rest := data; len(rest) > 0; {
		line, after, terminated := bytes.Cut(rest, []byte{'\n'})
		if len(line) > max && !split {
			m.tooLong, m.refused = true, len(rest)
			return m
		}
		for len(line) > max {
			m.lines = append(m.lines, line[:max])
			line = line[max:]
		}
		m.lines = append(m.lines, line)
		if terminated {
			m.newlines++
		} else {
			m.unterminated = true
		}
		rest = after
	}
	return m
}

// checkClassify checks that the parts Classify names make up the line.
func checkClassify(t *testing.T, line []byte) {
	kind, body := Classify(line)
	cr := 0
	if bytes.HasSuffix(line, []byte{'\r'}) {
		cr = 1
	}
	var prefix int
	switch kind {
	case Empty:
		if len(body) != 0 || len(line) != cr {
			t.Fatalf("Classify(%q) = Empty with body %q", line, body)
		}
		return
	case Frame:
		prefix = len(wire.FramePrefix)
		if !bytes.HasPrefix(line, []byte(wire.FramePrefix)) {
			t.Fatalf("Classify(%q) = Frame without the prefix", line)
		}
	case Log:
		if bytes.HasPrefix(line, []byte(wire.FramePrefix)) {
			t.Fatalf("Classify(%q) = Log with the frame prefix", line)
		}
	default:
		t.Fatalf("Classify(%q) = kind %d", line, kind)
	}
	if prefix+len(body)+cr != len(line) || !bytes.Equal(body, line[prefix:len(line)-cr]) {
		t.Fatalf("Classify(%q) = %d, %q: the parts do not make up the line", line, kind, body)
	}
}

func equalLines(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
