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
			t.recordLog("p", "stdout", "x", 0)
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
			t.recordLog("p", "stdout", "x", 0)
		}
		Expect(t.Since(int64(transcriptChunk - 2))).To(HaveLen(7))
		Expect(t.Since(int64(transcriptChunk - 2))[0].Seq).To(BeEquivalentTo(transcriptChunk - 1))
		Expect(t.Since(0)).To(HaveLen(transcriptChunk + 5))
		Expect(t.Since(int64(transcriptChunk + 5))).To(BeEmpty())
	})
})

var _ = g.Describe("Transcript and log byte budgets (TRN-2, FRAME-28)", func() {
	g.It("forgets the oldest entries one at a time to stay within its bytes, says so once, and keeps numbering", func() {
		t := NewTranscript(clock.NewFake(time.Unix(0, 0)), 0)
		t.SetByteLimit(1 << 20)
		line := string(make([]byte, 10<<10))
		for i := 0; i < 1000; i++ { // ~10 MiB of lines
			t.recordLog("p", "stdout", line, 0)
		}
		all := t.Entries()
		t.mu.Lock()
		kept := t.bytes
		t.mu.Unlock()
		Expect(kept).To(BeNumerically("<=", 1<<20))
		Expect(len(all)).To(BeNumerically("<", 110))
		for i := 1; i < len(all); i++ {
			Expect(all[i].Seq).To(Equal(all[i-1].Seq + 1))
		}
		var notices int
		for _, e := range all {
			if e.Decision == "truncated" {
				notices++
				Expect(e.Rule).To(Equal("TRN-2"))
			}
		}
		Expect(notices).To(Equal(1), "one notice, kept however long the flood")
		Expect(t.LastSeq()).To(BeNumerically(">", 1000)) // the lines and the notices
		// Appending after the front of a chunk was forgotten starts new
		// chunks, never grows one past its size.
		for i := 0; i < 3*transcriptChunk; i++ {
			t.recordLog("p", "stdout", "x", 0)
		}
		t.mu.Lock()
		for _, c := range t.chunks {
			Expect(cap(c)).To(BeNumerically("<=", transcriptChunk))
		}
		t.mu.Unlock()
	})

	g.It("keeps a plugin's log lines within lines and bytes, newest last", func() {
		b := newLogBuffer(1000, 100<<10)
		for i := 0; i < 50; i++ {
			b.add(LogLine{Text: string(make([]byte, 10<<10))})
		}
		b.add(LogLine{Text: "last"})
		lines := b.Lines()
		Expect(len(lines)).To(BeNumerically("<=", 11))
		Expect(lines[len(lines)-1].Text).To(Equal("last"))
		Expect(b.Total()).To(Equal(51))
		b2 := newLogBuffer(3, 1<<20)
		for _, s := range []string{"a", "b", "c", "d"} {
			b2.add(LogLine{Text: s})
		}
		Expect(b2.Lines()).To(HaveLen(3))
		Expect(b2.Lines()[0].Text).To(Equal("b"))
	})
})
