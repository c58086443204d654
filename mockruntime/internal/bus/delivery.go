package bus

// deliverable reports whether s may be sent anything now: the bus is open,
// its subscriber has a sink, has subscribed to it since its process started
// and is not held by the host. Requires mu.
func (b *Bus) deliverable(s *subscription) bool {
	return b.usable() == nil && !s.removed && s.active && s.owner.sink != nil && !s.owner.held
}

// pump sends what s may send now: its due redeliveries, in log order, then
// first deliveries in log order while the window has room (EVT-10). Only
// committed events are sent. Requires mu.
func (b *Bus) pump(s *subscription) {
	if !b.deliverable(s) {
		return
	}
	for len(s.due) > 0 {
		e := s.due[0]
		s.due[0] = nil
		s.due = s.due[1:]
		b.send(s, e)
	}
	for s.sent < len(s.queue) && s.sent < s.opts.MaxInFlight {
		e := s.queue[s.sent]
		if e.ev.seq > b.durableSeq {
			return
		}
		s.sent++
		s.sentThrough = max(s.sentThrough, e.ev.seq)
		b.send(s, e)
	}
}

// send makes the next attempt of e and arms its ack deadline. Requires mu.
func (b *Bus) send(s *subscription, e *entry) {
	e.attempts++
	e.state = entryInFlight
	attempt := e.attempts
	e.timer = b.cfg.Clock.AfterFunc(b.cfg.AckDeadline, func() { b.onAckDeadline(s, e, attempt) })
	s.unanswered = append(s.unanswered, attemptRef{seq: e.ev.seq, attempt: attempt})
	s.delivered++
	b.markDirty(s)
	if attempt > 1 {
		b.report(s, ReportRedeliver, e.cause.rule, e.ev.seq, attempt, e.cause.detail)
	}
	b.out.push(effect{sink: s.owner.sink, delivery: e.ev.delivery(s.pattern, attempt)})
}

// pumpAll pumps every subscription of o. Requires mu.
func (b *Bus) pumpAll(o *subscriber) {
	for _, s := range o.sorted() {
		b.pump(s)
	}
}
