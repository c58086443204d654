package bus

import (
	"context"
	"fmt"
	"sync"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// ErrClosed is returned by every call made after Close. It is an
// UNAVAILABLE *wire.Error.
var ErrClosed = wire.Errorf(wire.CodeUnavailable, "the event bus is closed")

// Bus is the durable event bus of one runtime data folder. Every method is
// safe for concurrent use; see the package documentation for what runs on
// which goroutine.
type Bus struct {
	cfg   Config
	store *store
	out   *outbox

	// kick wakes the committer; stop asks it to commit and exit; done is
	// closed when it has.
	kick chan struct{}
	stop chan struct{}
	done chan struct{}

	mu     sync.Mutex
	closed bool
	// failed is the error of a failed commit: memory and file may differ
	// from then on, so every later call returns it.
	failed error
	// nextSeq is the sequence of the next event; durableSeq the newest
	// committed one. Events above durableSeq are never delivered.
	nextSeq    int64
	durableSeq int64
	nextSubID  int64
	owners     map[string]*subscriber
	index      patternIndex
	staged     *batch
	matchBuf   []*subscription
}

// Open opens or creates the bus file at cfg.Path and restores its state:
// every subscription found is paused until its subscriber subscribes again,
// and every event that was in flight will be delivered again with its
// attempt increased. Reports about restored state (dead letters of events
// that had used their last attempt) go to cfg.Observer before Open returns.
func Open(cfg Config) (*Bus, error) {
	cfg = cfg.withDefaults()
	ctx := context.Background()
	st, err := openStore(ctx, cfg.Path)
	if err != nil {
		return nil, err
	}
	snap, err := st.load(ctx)
	if err != nil {
		st.close()
		return nil, err
	}
	b := &Bus{
		cfg: cfg, store: st, out: newOutbox(cfg.Observer),
		kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
		owners: map[string]*subscriber{}, index: newPatternIndex(), staged: newBatch(),
	}
	b.mu.Lock()
	b.restore(snap)
	go b.runCommitter()
	b.release()
	return b, nil
}

// Close stops every timer, commits what is staged together with the exact
// attempt counts of the events in flight, marks the file cleanly closed and
// closes it. Calls made afterwards return ErrClosed; a second Close too.
func (b *Bus) Close() error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return ErrClosed
	}
	b.closed = true
	b.stageShutdown()
	b.mu.Unlock()
	close(b.stop)
	<-b.done
	closeErr := b.store.close()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failed != nil {
		return b.failed
	}
	if closeErr != nil {
		return fmt.Errorf("closing the bus file: %w", closeErr)
	}
	return nil
}

// stageShutdown stops the timers and stages what a clean restart needs.
func (b *Bus) stageShutdown() {
	for _, o := range b.owners {
		for _, s := range o.subs {
			for _, e := range s.queue[:s.sent] {
				e.stopTimer()
				b.saveAttempts(s, e)
			}
			b.markDirty(s)
		}
	}
	b.stage(op{kind: opMarkClean})
}

// usable returns the error every call must fail with, if any. Requires mu.
func (b *Bus) usable() error {
	if b.failed != nil {
		return b.failed
	}
	if b.closed {
		return ErrClosed
	}
	return nil
}

// release unlocks mu and carries out the decisions taken under it. The
// staged writes are committed at once when a caller waits for them
// (awaitable), otherwise within FlushInterval, together with whatever
// comes meanwhile: acks alone never cost a transaction each.
func (b *Bus) release() {
	urgent := b.staged.urgent
	if !urgent {
		b.armFlush()
	}
	b.mu.Unlock()
	b.out.drain()
	if urgent {
		b.kickCommitter()
	}
}

// awaitable marks the staged batch as awaited by the caller and returns
// it. Requires mu.
func (b *Bus) awaitable() *batch {
	b.staged.urgent = true
	return b.staged
}

// armFlush makes sure the staged writes are committed within
// FlushInterval. Requires mu.
func (b *Bus) armFlush() {
	if b.staged.flush == nil && !b.staged.empty() && !b.closed {
		b.staged.flush = b.cfg.Clock.AfterFunc(b.cfg.FlushInterval, b.kickCommitter)
	}
}

func (b *Bus) kickCommitter() {
	select {
	case b.kick <- struct{}{}:
	default:
	}
}

// stage appends a write to the next transaction. Requires mu.
func (b *Bus) stage(o op) { b.staged.ops = append(b.staged.ops, o) }

// markDirty schedules a rewrite of s's row. Requires mu.
func (b *Bus) markDirty(s *subscription) {
	if s.dirtyIn != b.staged {
		s.dirtyIn = b.staged
		b.staged.dirty = append(b.staged.dirty, s)
	}
}

// markWake schedules a pump of s once the staged batch is durable.
// Requires mu.
func (b *Bus) markWake(s *subscription) {
	if s.wakeIn != b.staged {
		s.wakeIn = b.staged
		b.staged.wake = append(b.staged.wake, s)
	}
}

// report queues a report about s. Requires mu.
func (b *Bus) report(s *subscription, kind ReportKind, rule string, seq int64, attempt int, detail string) {
	if b.cfg.Observer == nil {
		return
	}
	r := &Report{Kind: kind, Subscriber: s.owner.name, Pattern: s.pattern, Attempt: attempt, Rule: rule, Detail: detail}
	if seq > 0 {
		r.EventID = formatEventID(seq)
	}
	b.out.push(effect{report: r})
}

// await waits for bt to commit and for the deliveries and reports the
// commit decided to be carried out. When ctx ends first it returns at once
// and leaves the carrying out to a goroutine of its own.
func (b *Bus) await(ctx context.Context, bt *batch) error {
	select {
	case <-bt.done:
		b.out.drainThrough(bt.mark)
		return bt.err
	case <-ctx.Done():
		go func() {
			<-bt.done
			b.out.drain()
		}()
		return ctx.Err()
	}
}

// lookup returns the subscription (subscriber, pattern), or nil. Requires mu.
func (b *Bus) lookup(subscriber, pattern string) *subscription {
	if o := b.owners[subscriber]; o != nil {
		return o.subs[pattern]
	}
	return nil
}

// owner returns the record of subscriber, creating it. Requires mu.
func (b *Bus) owner(name string) *subscriber {
	o := b.owners[name]
	if o == nil {
		o = &subscriber{name: name, subs: map[string]*subscription{}}
		b.owners[name] = o
	}
	return o
}

func notFound(subscriber, pattern string) error {
	return wire.Errorf(wire.CodeNotFound, "%s has no subscription to %q", subscriber, pattern).With("pattern", pattern)
}
