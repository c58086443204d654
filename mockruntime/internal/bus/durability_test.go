package bus_test

import (
	"database/sql"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

var _ = Describe("durability across runtime restarts (EVT-17, EVT-18)", func() {
	var f *fixture
	var s *sink
	var sent []string
	BeforeEach(func() {
		f = newFixture()
		s = f.subscriber("s", bus.Options{MaxInFlight: 2, OverflowPolicy: bus.DropOldest, MaxQueue: 50}, "a.*")
		sent = f.publish("a.x", 5)
		Expect(ids(s.take())).To(Equal(sent[:2]))
		f.ack("s", "a.*", sent[0])
		Expect(ids(s.take())).To(Equal(sent[2:3]))
	})

	It("restores subscriptions paused, and redelivers what was in flight with attempt+1", func() {
		f.restart()
		st := f.state("s", "a.*")
		Expect(st.Active).To(BeFalse())
		Expect(st.Options).To(Equal(bus.Options{MaxInFlight: 2, OverflowPolicy: bus.DropOldest, MaxQueue: 50}))
		Expect(st.QueueLen).To(Equal(4))
		Expect(st.InFlight).To(Equal(2))
		Expect([]int64{st.Delivered, st.Acked}).To(Equal([]int64{3, 1}))

		next := f.subscriber("s", bus.Options{MaxInFlight: 2}, "a.*")
		got := next.take()
		Expect(ids(got)).To(Equal(sent[1:3]))
		Expect(attempts(got)).To(Equal([]int{2, 2}))
		f.ack("s", "a.*", sent[1])
		got = next.take()
		Expect(ids(got)).To(Equal(sent[3:4]))
		Expect(attempts(got)).To(Equal([]int{1}))
	})

	It("keeps exact attempt counts of nacked events across a clean restart", func() {
		f.nack("s", "a.*", sent[1])
		f.clock.Advance(time.Second)
		Expect(attempts(s.take())).To(Equal([]int{2}))
		f.restart()
		next := f.subscriber("s", bus.Options{MaxInFlight: 2}, "a.*")
		Expect(attempts(next.take())).To(Equal([]int{3, 2}))
	})

	It("dead-letters on reopening what was in flight on its last attempt, and says so", func() {
		f.bus.Close()
		f.cfg.MaxAttempts = 1
		f.open()
		dead := f.reports.ofKind(bus.ReportDeadLetter)
		Expect(dead).To(HaveLen(2))
		Expect([]string{dead[0].EventID, dead[1].EventID}).To(Equal(sent[1:3]))
		Expect(f.state("s", "a.*").DeadLetters).To(Equal(sent[1:3]))
	})

	It("redelivers what may have been in flight with attempt 2 or more after a crash", func() {
		f.publish("z.z", 1) // the ack above is committed by now: commits are in order
		f.bus.Crash()
		f.open()
		next := f.subscriber("s", bus.Options{MaxInFlight: 2}, "a.*")
		got := next.take()
		Expect(ids(got)).To(Equal(sent[1:3]))
		Expect(attempts(got)).To(HaveEach(BeNumerically(">=", 2)))
	})

	It("counts a first delivery as sent after a crash even if the crash came before it was recorded", func() {
		t := f.subscriber("t", bus.Options{MaxInFlight: 2}, "b.*")
		first := f.publish("b.x", 1)
		Expect(ids(t.take())).To(Equal(first))
		f.bus.Crash()
		f.open()
		next := f.subscriber("t", bus.Options{MaxInFlight: 2}, "b.*")
		Expect(attempts(next.take())).To(Equal([]int{2}))
	})

	It("leaves no settled or attempts records behind once everything is acknowledged", func() {
		f.nack("s", "a.*", sent[2])
		f.ack("s", "a.*", sent[1])
		f.clock.Advance(time.Second)
		Expect(ids(s.take())).To(Equal([]string{sent[3], sent[2]}))
		f.ack("s", "a.*", sent[3], sent[2])
		Expect(ids(s.take())).To(Equal(sent[4:]))
		f.ack("s", "a.*", sent[4])
		Expect(f.bus.Close()).To(Succeed())

		db, err := sql.Open("sqlite", f.cfg.Path)
		Expect(err).NotTo(HaveOccurred())
		defer db.Close()
		var left int
		Expect(db.QueryRow(`SELECT (SELECT COUNT(*) FROM settled) + (SELECT COUNT(*) FROM attempts)`).Scan(&left)).To(Succeed())
		Expect(left).To(BeZero())
		f.open()
		Expect(f.state("s", "a.*").Position).To(Equal(int64(5)))
	})

	It("refuses every call after Close", func() {
		Expect(f.bus.Close()).To(Succeed())
		_, err := f.bus.Publish(ctx, bus.Event{Topic: "a.x"})
		Expect(err).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Subscribe(ctx, "s", "a.*", bus.Options{})).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Unsubscribe(ctx, "s", "a.*")).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Remove(ctx, "s")).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Ack("s", "a.*", sent[1], true, "")).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Attach("s", s)).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Detach("s")).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Pause("s")).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Resume("s")).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Redeliver("s", "a.*")).To(MatchError(bus.ErrClosed))
		Expect(f.bus.Close()).To(MatchError(bus.ErrClosed))
		Expect(f.clock.Pending()).To(BeZero(), "no timer outlives Close")
		f.open()
	})
})
