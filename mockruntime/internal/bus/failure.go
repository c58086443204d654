package bus

import "fmt"

// failAttempt ends e's latest attempt without a positive ack. If it was the
// last allowed attempt the event is dead-lettered; otherwise it is due for
// redelivery, after a backoff when withBackoff is set. Requires mu.
func (b *Bus) failAttempt(s *subscription, e *entry, cause retryCause, withBackoff bool) {
	e.stopTimer()
	if e.attempts >= b.cfg.MaxAttempts {
		b.deadLetter(s, e, cause)
		return
	}
	b.saveAttempts(s, e)
	e.cause = cause
	if !withBackoff {
		b.makeDue(s, e)
		return
	}
	e.state = entryBackoff
	attempt := e.attempts
	e.timer = b.cfg.Clock.AfterFunc(b.cfg.backoff(attempt), func() { b.onBackoffOver(s, e, attempt) })
}

// makeDue puts e in line for redelivery. Requires mu.
func (b *Bus) makeDue(s *subscription, e *entry) {
	e.stopTimer()
	e.state = entryDue
	s.addDue(e)
}

// onBackoffOver runs on the clock when the backoff after attempt ends.
func (b *Bus) onBackoffOver(s *subscription, e *entry, attempt int) {
	b.mu.Lock()
	defer b.release()
	if b.usable() != nil || e.state != entryBackoff || e.attempts != attempt {
		return
	}
	e.timer = nil
	b.makeDue(s, e)
	b.pump(s)
}

// onAckDeadline runs on the clock when attempt's ack deadline passes. The
// attempt stays among the unanswered ones: a late ack for it is matched to
// it and settles the event.
func (b *Bus) onAckDeadline(s *subscription, e *entry, attempt int) {
	b.mu.Lock()
	defer b.release()
	if b.usable() != nil || e.state != entryInFlight || e.attempts != attempt {
		return
	}
	e.timer = nil
	b.failAttempt(s, e, causeAckDeadline, false)
	b.pump(s)
}

// deadLetter moves e to s's dead letters (EVT-16). Requires mu.
func (b *Bus) deadLetter(s *subscription, e *entry, cause retryCause) {
	b.settle(s, e)
	s.addDeadLetter(e.ev.seq)
	b.stage(op{kind: opDeadLetter, subID: s.id, seq: e.ev.seq, attempts: e.attempts, code: e.lastError})
	detail := fmt.Sprintf("attempt %d of %d failed (%s)", e.attempts, b.cfg.MaxAttempts, cause.detail)
	if e.lastError != "" {
		detail += ", last error " + e.lastError
	}
	b.report(s, ReportDeadLetter, "EVT-16", e.ev.seq, e.attempts, detail)
}
