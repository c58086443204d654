package bus

import "github.com/conform-dev/conform/mockruntime/clock"

// opKind names one write of a batch.
type opKind uint8

const (
	opInsertEvent opKind = iota
	// opInsertSettled records seq as settled above the position.
	opInsertSettled
	// opPruneSettled forgets the settled records at or below seq, the new
	// position.
	opPruneSettled
	opSetAttempts
	opDeleteAttempts
	opDeadLetter
	opDeleteSubscription
	opMarkClean
)

// op is one write to apply, in order, in the batch's transaction.
type op struct {
	kind     opKind
	ev       *event
	subID    int64
	seq      int64
	attempts int
	code     string
}

// batch is the work staged for the next transaction. The bus appends to
// the staged batch under Bus.mu; the committer takes it whole, writes it and
// then closes done, after which err is readable.
type batch struct {
	ops []op
	// dirty lists subscriptions whose row must be rewritten.
	dirty []*subscription
	// wake lists subscriptions that got events in this batch, to pump
	// once they are durable.
	wake []*subscription
	// lastSeq is the newest event staged in this batch, 0 when none.
	lastSeq int64
	// urgent: a caller waits for this batch, commit it now.
	urgent bool
	// flush commits the batch within FlushInterval when nobody waits.
	flush clock.Timer
	done  chan struct{}
	err   error
	// mark counts the outbox's effects once the commit's are queued.
	mark uint64
}

func newBatch() *batch { return &batch{done: make(chan struct{})} }

func (b *batch) empty() bool { return len(b.ops) == 0 && len(b.dirty) == 0 }

// subRow is a snapshot of a subscription's row, taken under Bus.mu.
type subRow struct {
	id                              int64
	subscriber, pattern             string
	opts                            Options
	healthy                         bool
	drops, delivered, acked, nacked int64
	position, lastSeq, sentThrough  int64
}

// rows snapshots the dirty subscriptions that still exist.
func (b *batch) rows() []subRow {
	rows := make([]subRow, 0, len(b.dirty))
	for _, s := range b.dirty {
		if s.removed {
			continue
		}
		rows = append(rows, subRow{
			id: s.id, subscriber: s.owner.name, pattern: s.pattern, opts: s.opts, healthy: s.healthy,
			drops: s.drops, delivered: s.delivered, acked: s.acked, nacked: s.nacked,
			position: s.position(), lastSeq: s.lastSeq, sentThrough: s.sentThrough,
		})
	}
	return rows
}
