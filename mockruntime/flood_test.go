package mockruntime_test

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// peakMemory samples the heap in use and the resident set of this process
// until stop is called, and returns their peaks in bytes.
func peakMemory() (stop func() (heap, rss uint64)) {
	var (
		mu        sync.Mutex
		heap, rss uint64
		done      = make(chan struct{})
		finished  = make(chan struct{})
	)
	go func() {
		defer close(finished)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			r := residentBytes()
			mu.Lock()
			heap, rss = max(heap, ms.HeapInuse), max(rss, r)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() (uint64, uint64) {
		close(done)
		<-finished
		mu.Lock()
		defer mu.Unlock()
		return heap, rss
	}
}

// residentBytes reads VmRSS of this process (Linux), 0 elsewhere.
func residentBytes() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

var _ = Describe("byte budgets under a flood of output (TRN-2, FRAME-28)", Label("slow"), func() {
	It("keeps the heap bounded while a plugin writes 1 GiB to stdout in 4 MiB lines and 1 GiB to stderr without newlines", func() {
		w := newWorld(optsZero())
		Expect(os.Setenv("FLOOD_MIB", "1024")).To(Succeed())
		DeferCleanup(os.Unsetenv, "FLOOD_MIB")
		runtime.GC()
		stop := peakMemory()
		p := w.fake("flood")
		w.ready(p)
		Eventually(w.rt.Transcript).WithTimeout(5 * time.Minute).WithPolling(200 * time.Millisecond).Should(match.HaveLogLine("flood done"))
		heap, rss := stop()
		GinkgoWriter.Printf("flood of 2 GiB: peak heap in use %d MiB, peak RSS of the test process %d MiB\n", heap>>20, rss>>20)
		Expect(heap).To(BeNumerically("<", 128<<20), "peak heap in use")
		var kept int
		for _, e := range w.rt.Transcript().Entries() {
			kept += len(e.Line) + len(e.Frame)
		}
		Expect(kept).To(BeNumerically("<=", mockruntime.DefaultTranscriptBytes))
		lines := p.Logs().Lines()
		var logBytes int
		for _, l := range lines {
			logBytes += len(l.Text)
		}
		Expect(logBytes).To(BeNumerically("<=", mockruntime.DefaultLogBytes))
		Expect(w.rt.Transcript()).To(match.HaveDecision("truncated"))
	})
})
