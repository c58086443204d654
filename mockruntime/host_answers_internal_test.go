package mockruntime

import (
	"context"

	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = g.Describe("answerHold", func() {
	g.It("holds only calls recorded after the hold began, and sends them latest first", func() {
		var h answerHold
		var sent []int64
		sender := func(seq int64) func() { return func() { sent = append(sent, seq) } }
		Expect(h.hold(2, 10)).To(Succeed())

		h.pass(context.Background(), 9, sender(9))
		Expect(sent).To(Equal([]int64{9}), "a call from before the hold is answered at once")

		done := make(chan struct{})
		go func() { h.pass(context.Background(), 11, sender(11)); close(done) }()
		Consistently(done).ShouldNot(BeClosed())
		h.pass(context.Background(), 12, sender(12))
		Eventually(done).Should(BeClosed())
		Expect(sent).To(Equal([]int64{9, 12, 11}))

		h.pass(context.Background(), 13, sender(13))
		Expect(sent).To(Equal([]int64{9, 12, 11, 13}), "the hold is over")
	})
})
