package validate_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
	validatepkg "github.com/conform-dev/conform/harness/validate"
)

// pings is an endless-looking NDJSON stream of n pings, made as it is read,
// with an invalid frame every 100,000th line.
type pings struct {
	n, line int
	buf     bytes.Buffer
}

func (p *pings) Read(b []byte) (int, error) {
	for p.buf.Len() < len(b) && p.line < p.n {
		p.line++
		if p.line%100_000 == 0 {
			fmt.Fprintf(&p.buf, "{\"type\":\"ping\",\"id\":%d}\n", p.line) // id must be a string
		} else {
			fmt.Fprintf(&p.buf, "{\"type\":\"ping\",\"id\":\"p-%d\"}\n", p.line)
		}
	}
	if p.buf.Len() == 0 {
		return 0, io.EOF
	}
	return p.buf.Read(b)
}

// peakHeap samples the heap in use until stop is called and returns its
// peak.
func peakHeap() (stop func() uint64) {
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var top uint64
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			top = max(top, ms.HeapInuse)
			select {
			case <-done:
				peak <- top
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); return <-peak }
}

var _ = Describe("validate streams NDJSON", func() {
	It("checks 1,000,000 frames (36 MB) holding one line at a time, reporting each invalid one", func() {
		runtime.GC()
		stop := peakHeap()
		got := validate(harness.ValidateConfig{As: "frame", Files: []string{"-"}, Stdin: &pings{n: 1_000_000}})
		heap := stop()
		GinkgoWriter.Printf("peak heap in use while validating 1,000,000 frames: %d MiB\n", heap>>20)
		Expect(got.code).To(Equal(1))
		Expect(strings.Count(got.stdout, "\n")).To(Equal(10), got.stdout)
		Expect(got.stdout).To(HavePrefix("stdin:100000: /id: "))
		Expect(got.stderr).To(Equal("checked 1000000 documents in 1 file: 10 invalid\n"))
		// Holding every decoded document, as validate did, took 2.5 GB for
		// 100 MB; one line at a time stays within a few MiB over the test's
		// own heap.
		Expect(heap).To(BeNumerically("<", 64<<20), "peak heap in use")
	})

	It("reports a line over the line cap and goes on with the next one", func() {
		long := `{"type":"ping","id":"` + strings.Repeat("x", validatepkg.MaxLineBytes) + `"}`
		input := `{"type":"ping","id":"a"}` + "\n" + long + "\n" + `{"type":"ping","id":1}` + "\n"
		got := validate(harness.ValidateConfig{As: "frame", Files: []string{"-"}, Stdin: strings.NewReader(input)})
		Expect(got.code).To(Equal(2))
		Expect(got.stderr).To(HavePrefix("stdin:2: the line holds more than conform's 32 MiB cap for one line of NDJSON; skipped\n"))
		Expect(got.stdout).To(HavePrefix("stdin:3: /id: "))
		Expect(got.stderr).To(HaveSuffix("checked 2 documents in 1 file: 1 invalid\n"))
	})

	It("reads a document spanning lines whole, under its kind's cap", func() {
		manifest := "{\n  \"slug\": \"x\",\n" + strings.Repeat("  \n", 1<<19) + "}\n"
		got := validate(harness.ValidateConfig{As: "manifest", Files: []string{tempFile("m.json", manifest)}})
		Expect(got.code).To(Equal(2))
		Expect(got.stderr).To(MatchRegexp(`m\.json: holds more than conform's 1 MiB cap for a manifest\n`))
	})

	It("reads a file with no newline at its end, and one of blank lines only", func() {
		got := validate(harness.ValidateConfig{As: "frame", Files: []string{tempFile("f.ndjson", `{"type":"ping","id":"a"}`+"\n"+`{"type":"pong","id":"a"}`)}})
		Expect(got.code).To(Equal(0), got.stderr)
		Expect(got.stderr).To(Equal("checked 2 documents in 1 file: 0 invalid\n"))
		got = validate(harness.ValidateConfig{As: "frame", Files: []string{tempFile("blank", "\n \n\n")}})
		Expect(got.stderr).To(Equal("checked 0 documents in 1 file: 0 invalid\n"))
	})
})
