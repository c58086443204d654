package bus

import "fmt"

// Ack answers a delivery of eventID made under (subscriber, pattern): ok
// settles the event for that subscription; !ok, with the handler's error
// code, ends the attempt and schedules a redelivery after a backoff, or
// dead-letters the event after its last attempt (EVT-15, EVT-16).
//
// The ack is matched to the oldest unanswered attempt of that event. If an
// older attempt of a different event is still unanswered, the subscriber
// acknowledged out of order: a violation of EVT-13 is reported and the ack
// still counts (EVT-14). An ack matching no unanswered attempt (already
// settled, unsubscribed, sent to a process that has since ended, never
// sent) is reported as a notice and otherwise ignored (EVT-19).
//
// Ack does not wait for the settlement to be committed. It returns an error
// only after Close. Safe for concurrent use.
func (b *Bus) Ack(subscriber, pattern, eventID string, ok bool, errCode string) error {
	b.mu.Lock()
	defer b.release()
	if err := b.usable(); err != nil {
		return err
	}
	s := b.lookup(subscriber, pattern)
	if s == nil {
		b.notice(subscriber, pattern, eventID, "ack for a subscription that does not exist")
		return nil
	}
	seq, valid := parseEventID(eventID)
	i := -1
	if valid {
		i = s.firstUnanswered(seq)
	}
	if i < 0 {
		b.notice(subscriber, pattern, eventID, "ack for a delivery that is not awaiting one")
		return nil
	}
	b.answer(s, i, ok, errCode)
	b.pump(s)
	return nil
}

// answer applies the ack of unanswered attempt i of s. Requires mu.
func (b *Bus) answer(s *subscription, i int, ok bool, errCode string) {
	a := s.unanswered[i]
	if i > 0 {
		older := s.unanswered[0].seq
		b.report(s, ReportViolation, "EVT-13", a.seq, a.attempt,
			fmt.Sprintf("acknowledged before %s, which was delivered earlier and is unanswered", formatEventID(older)))
	}
	s.dropUnanswered(i)
	b.markDirty(s)
	at, _ := s.find(a.seq)
	e := s.queue[at]
	if ok {
		s.acked++
		b.settle(s, e)
		return
	}
	s.nacked++
	if e.state == entryInFlight && e.attempts == a.attempt {
		e.lastError = errCode
		b.failAttempt(s, e, causeNack, true)
	}
}

// notice reports an ack that changes nothing (EVT-19). Requires mu.
func (b *Bus) notice(subscriber, pattern, eventID, detail string) {
	if b.cfg.Observer == nil {
		return
	}
	b.out.push(effect{report: &Report{
		Kind: ReportNotice, Subscriber: subscriber, Pattern: pattern, EventID: eventID, Rule: "EVT-19", Detail: detail,
	}})
}
