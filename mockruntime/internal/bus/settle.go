package bus

import "slices"

// settle takes e out of s's queue for good (acknowledged or dead-lettered),
// freeing its window slot, and stages what keeps the file in step.
// Requires mu.
func (b *Bus) settle(s *subscription, e *entry) {
	e.stopTimer()
	if e.state == entryDue {
		s.removeDue(e)
	}
	e.state = entrySettled
	if i, ok := s.find(e.ev.seq); ok {
		s.removeAt(i)
	}
	s.forgetAttempts(e.ev.seq)
	if e.attemptsSaved {
		b.stage(op{kind: opDeleteAttempts, subID: s.id, seq: e.ev.seq})
	}
	b.recordSettled(s, e.ev.seq)
	b.checkHealth(s)
}

// recordSettled keeps the file's view of s in step once seq, matched to s,
// is no longer pending: at or below s's position the position (saved with
// s's row) covers it; above, a settled row records the gap until the
// position passes it, and then goes. Requires mu.
func (b *Bus) recordSettled(s *subscription, seq int64) {
	b.markDirty(s)
	position := s.position()
	if seq > position {
		i, _ := slices.BinarySearch(s.gaps, seq)
		s.gaps = slices.Insert(s.gaps, i, seq)
		b.stage(op{kind: opInsertSettled, subID: s.id, seq: seq})
		return
	}
	passed, _ := slices.BinarySearch(s.gaps, position+1)
	if passed > 0 {
		s.gaps = s.gaps[passed:]
		b.stage(op{kind: opPruneSettled, subID: s.id, seq: position})
	}
}

// saveAttempts stages e's attempt count, so that a restart knows it.
// Requires mu.
func (b *Bus) saveAttempts(s *subscription, e *entry) {
	e.attemptsSaved = true
	b.stage(op{kind: opSetAttempts, subID: s.id, seq: e.ev.seq, attempts: e.attempts})
}
