package bus

import "fmt"

// fanOut queues e for s, applying s's overflow policy when the queue is
// full (EVT-21). Requires mu.
func (b *Bus) fanOut(s *subscription, e *event) {
	s.lastSeq = e.seq
	b.markDirty(s)
	if len(s.queue) >= s.opts.MaxQueue && !b.makeRoom(s) {
		b.recordSettled(s, e.seq)
		b.countDrop(s, e.seq, "queue full, the new event is not queued")
		return
	}
	s.queue = append(s.queue, &entry{ev: e})
	b.markWake(s)
	b.checkHealth(s)
}

// makeRoom applies s's policy to a full queue and reports whether the new
// event may be queued. Under drop_oldest the oldest event never sent is
// dropped; when every queued event has been sent, the new event is the
// oldest not in flight and is the one dropped. Requires mu.
func (b *Bus) makeRoom(s *subscription) bool {
	switch s.opts.OverflowPolicy {
	case DropNewest:
		return false
	case DropOldest:
		if s.sent == len(s.queue) {
			return false
		}
		victim := s.queue[s.sent]
		victim.state = entrySettled
		s.removeAt(s.sent)
		b.recordSettled(s, victim.ev.seq)
		b.countDrop(s, victim.ev.seq, "queue full, the oldest queued event is dropped")
	}
	return true
}

// countDrop counts and reports a dropped event (EVT-23). Requires mu.
func (b *Bus) countDrop(s *subscription, seq int64, why string) {
	s.drops++
	b.report(s, ReportDrop, "EVT-23", seq, 0, fmt.Sprintf("%s (%s, max_queue %d)", why, s.opts.OverflowPolicy, s.opts.MaxQueue))
}

// checkHealth reports a change of s's health (EVT-22): unhealthy once its
// queue is longer than max_queue, healthy again once it is at most half of
// it. Requires mu.
func (b *Bus) checkHealth(s *subscription) {
	switch {
	case s.healthy && len(s.queue) > s.opts.MaxQueue:
		s.healthy = false
		b.report(s, ReportUnhealthy, "EVT-22", 0, 0, fmt.Sprintf("queue %d is over max_queue %d", len(s.queue), s.opts.MaxQueue))
	case !s.healthy && len(s.queue) <= s.opts.MaxQueue/2:
		s.healthy = true
		b.report(s, ReportHealthy, "EVT-22", 0, 0, fmt.Sprintf("queue %d is back to half of max_queue %d", len(s.queue), s.opts.MaxQueue))
	default:
		return
	}
	b.markDirty(s)
}
