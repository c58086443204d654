package mockruntime

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/conform-dev/conform/mockruntime/internal/framing"
	"github.com/conform-dev/conform/mockruntime/internal/proc"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// readStdout is the one reader of the plugin's stdout. It splits lines,
// records log lines and hands frames to onFrame; it never blocks on anyone
// else, since onFrame only records and dispatches (FRAME-2, FRAME-8).
func (s *session) readStdout() {
	defer s.readers.Done()
	lr := framing.NewLineReader(s.proc.Stdout, wire.MaxLineBytes)
	defer lr.Release()
	for {
		s.awaitBacklog() // backpressure (FRAME-25)
		line, err := lr.Next()
		if errors.Is(err, framing.ErrLineTooLong) {
			s.violation("FRAME-7", "a stdout line reached 4,194,305 bytes without a newline", map[string]any{"limit": wire.MaxLineBytes})
			s.kill("framing", "FRAME-8", "fatal framing error: line over the cap")
			return
		}
		if err != nil {
			return
		}
		switch kind, body := framing.Classify(line); kind {
		case framing.Frame:
			s.onFrame(body)
		case framing.Log:
			s.logLine("stdout", body)
		}
		if lr.Unterminated() {
			s.violation("FRAME-17", "the last stdout line has no newline", nil)
		}
	}
}

// readStderr records every stderr line as a log line; long lines are split
// into pieces, never fatal (FRAME-12).
func (s *session) readStderr() {
	defer s.readers.Done()
	lr := framing.NewLineReader(s.proc.Stderr, wire.MaxStderrLineBytes)
	lr.SplitLong()
	defer lr.Release()
	for {
		line, err := lr.Next()
		if err != nil {
			return
		}
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		s.logLine("stderr", line)
	}
}

// logLine stores one log line, replacing invalid UTF-8 (FRAME-6, FRAME-20).
// Only its first 64 KiB are kept; the rest is counted (FRAME-28).
func (s *session) logLine(stream string, b []byte) {
	elided := 0
	if len(b) > maxLogLineBytes {
		elided = len(b) - maxLogLineBytes
		b = b[:maxLogLineBytes]
	}
	text := string(b)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	s.p.logs.add(LogLine{Plugin: s.p.Slug(), Stream: stream, Time: s.rt.clock.Now(), Text: text, Elided: elided})
	s.rt.transcript.recordLog(s.p.Slug(), stream, text, elided)
}

// closeReaders unblocks readers still waiting on a pipe held open by a
// process outside the group.
func (s *session) closeReaders() {
	proc.CloseFiles(s.proc.Stdout, s.proc.Stderr)
}
