package validate

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/conform-dev/conform/internal/inputfile"
)

// MaxLineBytes bounds one line of an NDJSON input: far above the longest
// line conform writes (a transcript entry holding a 4 MiB frame), low
// enough that validate's memory stays bounded however long the file is.
// A longer line is reported and skipped.
const MaxLineBytes = 32 << 20

// lineSource reads an input a line at a time, holding at most one line.
// Used by one goroutine.
type lineSource struct {
	r    *bufio.Reader
	line int // the number of the line last returned, from 1
	buf  []byte
}

func newLineSource(r io.Reader) *lineSource {
	return &lineSource{r: bufio.NewReaderSize(r, 64<<10)}
}

// errLineTooLong is a line over the bound next was given; the line was
// read to its end and dropped.
var errLineTooLong = errors.New("line too long")

// next returns the next line without its newline, or errLineTooLong
// when it holds more than limit bytes, or io.EOF after the last line.
// The slice is valid until the next call.
func (s *lineSource) next(limit int) ([]byte, error) {
	s.buf = s.buf[:0]
	tooLong, read := false, false
	for {
		chunk, err := s.r.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !tooLong {
			if len(s.buf)+len(chunk) > limit+1 { // +1: the newline
				tooLong, s.buf = true, s.buf[:0]
			} else {
				s.buf = append(s.buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && !errors.Is(err, io.EOF):
			return nil, err
		case err != nil && !read:
			return nil, io.EOF
		}
		s.line++
		if tooLong {
			return nil, errLineTooLong
		}
		return bytes.TrimSuffix(s.buf, []byte("\n")), nil
	}
}

// streamInput is how one input of documents is read: one document per
// line (NDJSON), held a line at a time, or one document spanning lines,
// held whole up to wholeLimit bytes (wholeKind names it in the message).
type streamInput struct {
	ipcPrefix  bool
	wholeLimit int64
	wholeKind  string
}

// stream checks every document of r and reports each problem as it finds
// it, keeping nothing but the counts, so that memory is bounded by one
// line however long the input. It stops early when ctx is done. An input
// whose first non-blank line is not a whole JSON document is read as one
// document instead, as one JSON text that may span lines (a pretty-printed manifest).
func (f *fileReport) stream(ctx context.Context, r io.Reader, in streamInput, check documentCheck) {
	src := newLineSource(r)
	var head bytes.Buffer // the blank lines before the first document, for the whole-document reading
	for {
		line, err := src.next(max(MaxLineBytes, int(in.wholeLimit)))
		if errors.Is(err, io.EOF) {
			return // nothing but blank lines
		}
		if err != nil {
			f.readError(src.line, err, in)
			return
		}
		if isBlank(line) {
			if int64(head.Len()+len(line)) > in.wholeLimit {
				f.readError(src.line, errLineTooLong, in)
				return
			}
			head.Write(line)
			head.WriteByte('\n')
			continue
		}
		doc, bad := lineDocument(line, src.line, in.ipcPrefix)
		if bad != nil {
			f.whole(ctx, &head, line, src, in, check)
			return
		}
		f.documents++
		f.report(doc, check(doc))
		break
	}
	for ctx.Err() == nil {
		line, err := src.next(MaxLineBytes)
		switch {
		case errors.Is(err, io.EOF):
			return
		case errors.Is(err, errLineTooLong):
			fmt.Fprintf(f.stderr, "%s:%d: the line holds more than conform's %s cap for one line of NDJSON; skipped\n", f.name, src.line, inputfile.Bytes(MaxLineBytes))
			f.usageErrors++
			continue
		case err != nil:
			f.readError(src.line, err, in)
			return
		case isBlank(line):
			continue
		}
		doc, bad := lineDocument(line, src.line, in.ipcPrefix)
		if bad != nil {
			fmt.Fprintf(f.stderr, "%s:%d: %v\n", f.name, bad.line, bad.err)
			f.usageErrors++
			continue
		}
		f.documents++
		f.report(doc, check(doc))
	}
}

// whole reads the rest of an input whose first non-blank line, first, is
// not a document of its own, and checks it all as one document.
func (f *fileReport) whole(ctx context.Context, head *bytes.Buffer, first []byte, src *lineSource, in streamInput, check documentCheck) {
	firstLine := src.line - 1 // counted from 0, as wholeDocument wants it
	head.Write(first)
	head.WriteByte('\n')
	if int64(head.Len()) <= in.wholeLimit {
		_, err := head.ReadFrom(io.LimitReader(src.r, in.wholeLimit-int64(head.Len())+1))
		if err != nil {
			f.readError(src.line, err, in)
			return
		}
	}
	if int64(head.Len()) > in.wholeLimit {
		fmt.Fprintf(f.stderr, "%s: %v\n", f.name, &inputfile.TooLargeError{Limit: in.wholeLimit, Kind: in.wholeKind})
		f.usageErrors++
		return
	}
	docs, problems := wholeDocument(head.Bytes(), firstLine)
	for _, p := range problems {
		fmt.Fprintf(f.stderr, "%s:%d: %v\n", f.name, p.line, p.err)
		f.usageErrors++
	}
	for _, doc := range docs {
		if ctx.Err() != nil {
			return
		}
		f.documents++
		f.report(doc, check(doc))
	}
}

// readError reports an input that could not be read on from line n.
func (f *fileReport) readError(n int, err error, in streamInput) {
	if errors.Is(err, errLineTooLong) {
		err = &inputfile.TooLargeError{Limit: max(MaxLineBytes, in.wholeLimit), Kind: in.wholeKind}
	}
	fmt.Fprintf(f.stderr, "%s:%d: %v\n", f.name, n, err)
	f.usageErrors++
}
