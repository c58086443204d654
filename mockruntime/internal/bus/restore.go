package bus

import "slices"

// restore rebuilds the in-memory state from snap. Requires mu.
func (b *Bus) restore(snap *snapshot) {
	b.nextSeq = snap.lastSeq + 1
	b.durableSeq = snap.lastSeq
	b.nextSubID = 1
	for _, row := range snap.subs {
		s := b.restoreSubscription(row, snap.dead[row.id])
		b.restoreQueue(s, row, snap)
		b.restoreWindow(s, snap.clean)
		b.nextSubID = max(b.nextSubID, row.id+1)
	}
}

// restoreQueue rebuilds s's queue from the log, its settled records (which
// become its gaps) and its saved attempt counts. Requires mu.
func (b *Bus) restoreQueue(s *subscription, row subRow, snap *snapshot) {
	for _, e := range snap.events {
		if snap.pendingFor(row, e) {
			n, saved := snap.attempts[row.id][e.seq]
			s.queue = append(s.queue, &entry{ev: e, attempts: n, attemptsSaved: saved})
		}
	}
	for seq := range snap.settled[row.id] {
		s.gaps = append(s.gaps, seq)
	}
	slices.Sort(s.gaps)
}

func (b *Bus) restoreSubscription(row subRow, dead []int64) *subscription {
	o := b.owner(row.subscriber)
	s := &subscription{
		id: row.id, owner: o, pattern: row.pattern, opts: row.opts, healthy: row.healthy,
		drops: row.drops, delivered: row.delivered, acked: row.acked, nacked: row.nacked,
		lastSeq: row.lastSeq, sentThrough: row.sentThrough, deadLetters: dead,
	}
	o.subs[s.pattern] = s
	b.index.add(s)
	return s
}

// restoreWindow decides which restored events had been sent. After a clean
// Close the attempt counts are exact. After a crash, an event may have been
// sent after the last commit, so every event that may have been in flight is
// taken as sent: those up to sent_through, and the first max_in_flight of the
// queue. Every sent event then counts as one failed attempt, since its
// process is gone, and is due again with its attempt increased, in log
// order, once the subscriber subscribes again. Requires mu.
func (b *Bus) restoreWindow(s *subscription, clean bool) {
	for i, e := range s.queue {
		mayHaveBeenSent := e.attempts > 0 || e.ev.seq <= s.sentThrough || !clean && i < s.opts.MaxInFlight
		if mayHaveBeenSent {
			s.sent = i + 1
		}
	}
	sent := append([]*entry(nil), s.queue[:s.sent]...)
	for _, e := range sent {
		e.attempts = max(e.attempts, 1)
		b.failAttempt(s, e, causeRuntimeRestart, false)
	}
}
