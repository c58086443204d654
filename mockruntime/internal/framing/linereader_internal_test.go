package framing

import (
	"errors"
	"io"
	"strings"

	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// chunked delivers its data a few bytes per Read, like a pipe under load.
type chunked struct {
	data string
	n    int
}

func (c *chunked) Read(p []byte) (int, error) {
	if c.data == "" {
		return 0, io.EOF
	}
	k := min(c.n, len(c.data), len(p))
	copy(p, c.data[:k])
	c.data = c.data[k:]
	return k, nil
}

func readAll(input string, max, chunk int) ([]string, error) {
	lr := NewLineReader(&chunked{data: input, n: chunk}, max)
	defer lr.Release()
	var lines []string
	for {
		line, err := lr.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return lines, nil
			}
			return lines, err
		}
		lines = append(lines, string(line))
	}
}

var _ = g.Describe("lineReader (FRAME-8, FRAME-9, FRAME-16)", func() {
	g.DescribeTable("splitting",
		func(input string, max int, want []string, wantErr error) {
			for _, chunk := range []int{1, 3, 7, 1 << 20} {
				lines, err := readAll(input, max, chunk)
				if wantErr != nil {
					Expect(err).To(MatchError(wantErr), "chunk %d", chunk)
				} else {
					Expect(err).NotTo(HaveOccurred(), "chunk %d", chunk)
				}
				Expect(lines).To(Equal(want), "chunk %d", chunk)
			}
		},
		g.Entry("lines", "a\nbb\n", 10, []string{"a", "bb"}, nil),
		g.Entry("blank lines are lines", "a\n\n\nb\n", 10, []string{"a", "", "", "b"}, nil),
		g.Entry("a last line without newline", "a\nlast", 10, []string{"a", "last"}, nil),
		g.Entry("a line exactly at the cap", "0123456789\nx\n", 10, []string{"0123456789", "x"}, nil),
		g.Entry("a line one byte over the cap", "0123456789A\n", 10, []string(nil), ErrLineTooLong),
		g.Entry("an unterminated line over the cap", "ok\n0123456789AB", 10, []string{"ok"}, ErrLineTooLong),
		g.Entry("CR stays in the line for classify", "a\r\n", 10, []string{"a\r"}, nil),
	)

	g.It("tells when the last line it handed out had no newline (FRAME-17)", func() {
		for input, want := range map[string]bool{"a\nlast": true, "a\nb\n": false, "": false} {
			lr := NewLineReader(strings.NewReader(input), 10)
			for {
				if _, err := lr.Next(); err != nil {
					break
				}
			}
			Expect(lr.Unterminated()).To(Equal(want), "input %q", input)
			lr.Release()
		}
	})

	g.It("never grows its buffer beyond the cap plus one byte", func() {
		const limit = 200_000
		big := NewLineReader(strings.NewReader(strings.Repeat("z", 1<<20)), 1<<20)
		_, _ = big.Next() // grows a buffer past limit, then gives it back to the pool
		big.Release()
		lr := NewLineReader(strings.NewReader(strings.Repeat("z", 5*limit)), limit)
		defer lr.Release()
		_, err := lr.Next()
		Expect(err).To(MatchError(ErrLineTooLong))
		Expect(len(lr.buf)).To(BeNumerically("<=", limit+1))
	})

	g.It("splits over-long lines into pieces in split mode (FRAME-12)", func() {
		lr := NewLineReader(strings.NewReader("abcdefg\nhi\n"), 3)
		lr.SplitLong()
		defer lr.Release()
		var got []string
		for {
			line, err := lr.Next()
			if err != nil {
				break
			}
			got = append(got, string(line))
		}
		Expect(got).To(Equal([]string{"abc", "def", "g", "hi"}))
	})

	g.DescribeTable("classify (FRAME-2, FRAME-13, FRAME-14)",
		func(line string, kind Kind, body string) {
			k, b := Classify([]byte(line))
			Expect(k).To(Equal(kind))
			Expect(string(b)).To(Equal(body))
		},
		g.Entry("a frame", `IPC:{"type":"ready"}`, Frame, `{"type":"ready"}`),
		g.Entry("a frame with CRLF", "IPC:{}\r", Frame, `{}`),
		g.Entry("a prefix in lower case is a log line", `ipc:{}`, Log, `ipc:{}`),
		g.Entry("a space before the prefix makes a log line", ` IPC:{}`, Log, ` IPC:{}`),
		g.Entry("an empty line", "", Empty, ""),
		g.Entry("a lone CR is an empty line", "\r", Empty, ""),
	)
})
