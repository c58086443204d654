package mockruntime_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("requests to a process that is going", func() {
	It("never records a request twice for one process, nor spins on a pipe that refuses it (LIFE-17)", func() {
		w := newWorld(optsZero())
		p := w.fake("gone-after-ready")
		w.ready(p)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done := make(chan struct{})
		for range 20 {
			go func() {
				defer GinkgoRecover()
				p.Request(ctx, mockruntime.Request{Action: "echo"})
				done <- struct{}{}
			}()
		}
		Eventually(w.rt.Transcript).Should(match.HaveDecision("exit"))
		cancel()
		for range 20 {
			<-done
		}
		sent := map[string]int{}
		for _, e := range w.rt.Transcript().Entries() {
			if e.Kind == mockruntime.KindDecision && e.Decision == "spawn" {
				clear(sent)
			}
			if e.Kind == mockruntime.KindFrame && e.Dir == mockruntime.DirOut && e.FrameType() == "request" {
				sent[e.FrameID()]++
				Expect(sent[e.FrameID()]).To(Equal(1), "request %s recorded again for the same process at #%d", e.FrameID(), e.Seq)
			}
		}
	})
})
