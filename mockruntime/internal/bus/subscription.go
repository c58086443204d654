package bus

import (
	"cmp"
	"slices"
	"sort"

	"github.com/conform-dev/conform/mockruntime/clock"
)

// entryState is where a queued event stands for one subscription.
type entryState uint8

const (
	// entryQueued: never sent.
	entryQueued entryState = iota
	// entryInFlight: its latest attempt awaits an ack; timer is the ack
	// deadline.
	entryInFlight
	// entryBackoff: its latest attempt failed; timer ends the backoff.
	entryBackoff
	// entryDue: waiting in the due list to be sent again.
	entryDue
	// entrySettled: acknowledged, dead-lettered, dropped or deleted.
	entrySettled
)

// entry is one event queued for one subscription. Guarded by Bus.mu.
type entry struct {
	ev       *event
	attempts int
	state    entryState
	timer    clock.Timer
	// cause says why the next attempt is a redelivery.
	cause retryCause
	// lastError is the error code of the latest negative ack.
	lastError string
	// attemptsSaved: the file holds an attempts row for this entry.
	attemptsSaved bool
}

func (e *entry) stopTimer() {
	if e.timer != nil {
		e.timer.Stop()
		e.timer = nil
	}
}

// attemptRef names one attempt sent and not yet answered.
type attemptRef struct {
	seq     int64
	attempt int
}

// subscription is the in-memory state of one (subscriber, pattern). Every
// field is guarded by Bus.mu.
type subscription struct {
	id      int64
	owner   *subscriber
	pattern string
	opts    Options
	// active: subscribed by the subscriber's current process.
	active  bool
	removed bool
	healthy bool

	// queue holds the unsettled events in log order; queue[:sent] have
	// been sent at least once and hold the window's slots.
	queue []*entry
	sent  int
	// due holds sent entries waiting to be sent again, in log order.
	due []*entry
	// unanswered holds the attempts sent and not answered, in send order.
	unanswered []attemptRef

	deadLetters []int64
	// gaps are the settled sequences above the position that the file
	// records in its settled table, in log order.
	gaps []int64
	// lastSeq is the newest log sequence matched (queued or dropped), or
	// the log's end when the subscription was created.
	lastSeq int64
	// sentThrough is the newest log sequence ever sent as a first delivery.
	sentThrough                     int64
	drops, delivered, acked, nacked int64
	dirtyIn, wakeIn                 *batch
}

// find returns the index of the queued entry with sequence seq.
func (s *subscription) find(seq int64) (int, bool) {
	i := sort.Search(len(s.queue), func(i int) bool { return s.queue[i].ev.seq >= seq })
	return i, i < len(s.queue) && s.queue[i].ev.seq == seq
}

// removeAt takes queue[i] out, shifting whichever side is shorter so that
// removing near the head (acks, drops at the window's edge) stays cheap.
func (s *subscription) removeAt(i int) {
	if i < s.sent {
		s.sent--
	}
	if i < len(s.queue)/2 {
		copy(s.queue[1:i+1], s.queue[:i])
		s.queue[0] = nil
		s.queue = s.queue[1:]
		return
	}
	copy(s.queue[i:], s.queue[i+1:])
	s.queue[len(s.queue)-1] = nil
	s.queue = s.queue[:len(s.queue)-1]
}

// firstUnanswered returns the index in unanswered of the oldest attempt of
// seq, or -1.
func (s *subscription) firstUnanswered(seq int64) int {
	return slices.IndexFunc(s.unanswered, func(a attemptRef) bool { return a.seq == seq })
}

// dropUnanswered removes unanswered[i]; acks in order remove the head,
// which costs nothing.
func (s *subscription) dropUnanswered(i int) {
	if i == 0 {
		s.unanswered = s.unanswered[1:]
		return
	}
	s.unanswered = slices.Delete(s.unanswered, i, i+1)
}

// addDeadLetter records seq among the dead letters, in log order.
func (s *subscription) addDeadLetter(seq int64) {
	i, _ := slices.BinarySearch(s.deadLetters, seq)
	s.deadLetters = slices.Insert(s.deadLetters, i, seq)
}

// forgetAttempts drops every unanswered attempt of seq.
func (s *subscription) forgetAttempts(seq int64) {
	s.unanswered = slices.DeleteFunc(s.unanswered, func(a attemptRef) bool { return a.seq == seq })
}

// addDue puts e in the due list, keeping it in log order.
func (s *subscription) addDue(e *entry) {
	i := sort.Search(len(s.due), func(i int) bool { return s.due[i].ev.seq >= e.ev.seq })
	s.due = slices.Insert(s.due, i, e)
}

func (s *subscription) removeDue(e *entry) {
	s.due = slices.DeleteFunc(s.due, func(d *entry) bool { return d == e })
}

// position is the newest log sequence up to which every event matched to
// the subscription is settled or dropped.
func (s *subscription) position() int64 {
	if len(s.queue) == 0 {
		return s.lastSeq
	}
	return s.queue[0].ev.seq - 1
}

// subscriber groups one plugin's subscriptions with its sink and host hold.
// Guarded by Bus.mu.
type subscriber struct {
	name string
	sink Sink
	held bool
	subs map[string]*subscription
}

// sorted returns the subscriber's subscriptions in creation order, so that
// every walk over them is deterministic.
func (o *subscriber) sorted() []*subscription {
	subs := make([]*subscription, 0, len(o.subs))
	for _, s := range o.subs {
		subs = append(subs, s)
	}
	slices.SortFunc(subs, func(a, b *subscription) int { return cmp.Compare(a.id, b.id) })
	return subs
}
