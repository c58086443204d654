package mockruntime

import (
	"time"

	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/clock"
)

var _ = g.Describe("Transcript storage (TRN-1)", func() {
	g.It("numbers entries without gaps and forgets the oldest a chunk at a time", func() {
		t := NewTranscript(clock.NewFake(time.Unix(0, 0)), transcriptChunk)
		total := 3*transcriptChunk + 10
		for i := 0; i < total; i++ {
			t.recordLog("p", "stdout", "x")
		}
		all := t.Entries()
		Expect(len(all)).To(BeNumerically(">=", transcriptChunk))
		Expect(len(all)).To(BeNumerically("<", 2*transcriptChunk))
		Expect(all[len(all)-1].Seq).To(BeEquivalentTo(total))
		for i := 1; i < len(all); i++ {
			Expect(all[i].Seq).To(Equal(all[i-1].Seq + 1))
		}
		Expect(t.LastSeq()).To(BeEquivalentTo(total))
	})

	g.It("returns exactly the entries after a sequence number, across chunks", func() {
		t := NewTranscript(clock.NewFake(time.Unix(0, 0)), 0)
		for i := 0; i < transcriptChunk+5; i++ {
			t.recordLog("p", "stdout", "x")
		}
		Expect(t.Since(int64(transcriptChunk - 2))).To(HaveLen(7))
		Expect(t.Since(int64(transcriptChunk - 2))[0].Seq).To(BeEquivalentTo(transcriptChunk - 1))
		Expect(t.Since(0)).To(HaveLen(transcriptChunk + 5))
		Expect(t.Since(int64(transcriptChunk + 5))).To(BeEmpty())
	})
})
