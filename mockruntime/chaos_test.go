package mockruntime_test

import (
	"context"
	"encoding/json"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
)

// ackWatcher follows the transcript and keeps what the chaos test checks:
// the plugin's positive acks and the first deliveries the runtime sent.
type ackWatcher struct {
	rt      *mockruntime.Runtime
	seq     int64
	acked   map[string]bool
	firsts  []string // event ids of attempt-1 deliveries, in send order
	retries int
}

func (a *ackWatcher) catchUp() int {
	for _, e := range a.rt.Transcript().Since(a.seq) {
		a.seq = e.Seq
		if e.Kind != mockruntime.KindFrame {
			continue
		}
		switch {
		case e.Dir == mockruntime.DirIn && e.FrameType() == "event.ack":
			var f struct{ OK bool }
			_ = json.Unmarshal(e.Frame, &f)
			if f.OK {
				a.acked[e.FrameID()] = true
			}
		case e.Dir == mockruntime.DirOut && e.FrameType() == "event.deliver":
			var f struct{ Attempt int }
			_ = json.Unmarshal(e.Frame, &f)
			if f.Attempt == 1 {
				a.firsts = append(a.firsts, e.FrameID())
			} else {
				a.retries++
			}
		}
	}
	return len(a.acked)
}

func uniq(ids []string) map[string]bool {
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

func eventSeq(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "evt_"))
	return n
}

var _ = Describe("chaos: a subscriber killed mid-stream (EVT-17, EVT-18)", Label("chaos"), func() {
	It("loses no event and keeps first deliveries in publish order across 25 kills", func() {
		events, kills := 10_000, 25
		if raceEnabled {
			events = 2_000 // the race detector slows each round trip about tenfold
		}
		rng := rand.New(rand.NewSource(GinkgoRandomSeed()))
		w := newWorld(mockruntime.Options{NoRestart: true, TranscriptLimit: 1_000_000})
		w.load(fakeManifest("minimal"), map[string]any{"slug": "source", "backend": nil})
		p := w.testee(subscriberPerms, nil)
		subscribe(p, "source.*", map[string]any{"max_in_flight": 64, "max_queue": 100_000})

		var published []string
		var mu sync.Mutex
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer GinkgoRecover()
				defer wg.Done()
				for i := 0; i < events/4; i++ {
					id, err := w.rt.PublishAs(context.Background(), "source", "source.tick", map[string]any{"i": i})
					Expect(err).NotTo(HaveOccurred())
					mu.Lock()
					published = append(published, id)
					mu.Unlock()
				}
			}()
		}

		points := rng.Perm(events - 400)[:kills]
		sort.Ints(points)
		watch := &ackWatcher{rt: w.rt, acked: map[string]bool{}}
		for _, point := range points {
			Eventually(watch.catchUp, "30s", "2ms").Should(BeNumerically(">=", point+200))
			p.Kill()
			Eventually(stateOf(p)).Should(Equal(mockruntime.Crashed))
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			Expect(p.Start(ctx)).To(Succeed())
			Expect(p.WaitReady(ctx)).To(Succeed())
			cancel()
			subscribe(p, "source.*", map[string]any{"max_in_flight": 64, "max_queue": 100_000})
		}
		wg.Wait()
		Eventually(watch.catchUp, "30s", "5ms").Should(Equal(events))

		for _, id := range published {
			Expect(watch.acked).To(HaveKey(id), "event %s was never acknowledged", id)
		}
		Expect(sort.SliceIsSorted(watch.firsts, func(i, j int) bool { return eventSeq(watch.firsts[i]) < eventSeq(watch.firsts[j]) })).
			To(BeTrue(), "first deliveries left publish order")
		// An event handed to a process that died before writing it comes
		// back as attempt 2 without an attempt-1 frame; none comes twice.
		Expect(watch.firsts).To(HaveLen(len(uniq(watch.firsts))), "an event was delivered twice as attempt 1")
		Expect(len(watch.firsts)).To(BeNumerically(">", events-kills*64))
		Expect(len(p.Exits())).To(Equal(kills))
		Expect(watch.retries).To(BeNumerically(">", 0), "the kills interrupted no delivery: the test proved nothing")
		s, _ := p.Subscription("source.*")
		Expect(s.DeadLetters).To(BeEmpty())
		GinkgoWriter.Printf("chaos: %d events, %d kills, %d redeliveries\n", events, kills, watch.retries)
	})
})
