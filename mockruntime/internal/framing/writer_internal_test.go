package framing

import (
	"bufio"
	"fmt"
	"os"
	"sync"
	"time"

	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = g.Describe("Writer", func() {
	// A line enqueued while another goroutine's direct write is in
	// progress waits in the queue; the writer goroutine must be woken when
	// that write ends, or the line stays queued until the next enqueue.
	g.It("delivers lines enqueued during a direct write without a later enqueue", func() {
		r, w, err := os.Pipe()
		Expect(err).NotTo(HaveOccurred())
		sw := NewWriter(w)
		g.DeferCleanup(func() { sw.Abort(); _ = r.Close() })
		lines := bufio.NewScanner(r)
		for round := range 2000 {
			var wg sync.WaitGroup
			for k := range 2 {
				wg.Go(func() { Expect(sw.Enqueue(fmt.Appendf(nil, "%d-%d\n", round, k))).To(Succeed()) })
			}
			wg.Wait()
			Expect(r.SetReadDeadline(time.Now().Add(5 * time.Second))).To(Succeed())
			for range 2 {
				Expect(lines.Scan()).To(BeTrue(), "round %d: a queued line was never written", round)
			}
		}
	})
})
