package bus

import (
	"context"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// Subscribe creates the subscription (subscriber, pattern), or updates the
// options of the existing one and keeps its position (EVT-8), and marks it
// subscribed by the subscriber's current process, which resumes a
// subscription paused by a restart (EVT-18). A new subscription gets the
// events published after this call. It returns once the subscription is
// committed. A cancelled ctx stops the wait, not the change. Safe for
// concurrent use.
func (b *Bus) Subscribe(ctx context.Context, subscriber, pattern string, opts Options) error {
	if !ValidPattern(pattern) {
		return wire.Errorf(wire.CodeInvalidParams, "invalid pattern %q", pattern).With("pointer", "/pattern")
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	b.mu.Lock()
	if err := b.usable(); err != nil {
		b.mu.Unlock()
		return err
	}
	o := b.owner(subscriber)
	s := o.subs[pattern]
	if s == nil {
		s = b.newSubscription(o, pattern)
	}
	s.opts = opts
	s.active = true
	b.markDirty(s)
	b.checkHealth(s)
	b.pump(s)
	bt := b.awaitable()
	b.release()
	return b.await(ctx, bt)
}

// newSubscription registers a subscription positioned at the end of the log.
// Requires mu.
func (b *Bus) newSubscription(o *subscriber, pattern string) *subscription {
	s := &subscription{id: b.nextSubID, owner: o, pattern: pattern, healthy: true, lastSeq: b.nextSeq - 1}
	b.nextSubID++
	o.subs[pattern] = s
	b.index.add(s)
	return s
}

// Unsubscribe deletes the subscription (subscriber, pattern) with its
// pending events and dead letters (EVT-9); an unknown one is NOT_FOUND. It
// returns once the deletion is committed. Safe for concurrent use.
func (b *Bus) Unsubscribe(ctx context.Context, subscriber, pattern string) error {
	b.mu.Lock()
	if err := b.usable(); err != nil {
		b.mu.Unlock()
		return err
	}
	s := b.lookup(subscriber, pattern)
	if s == nil {
		b.mu.Unlock()
		return notFound(subscriber, pattern)
	}
	b.deleteSubscription(s)
	bt := b.awaitable()
	b.release()
	return b.await(ctx, bt)
}

// Remove deletes every subscription of subscriber and forgets its sink and
// host hold, for a plugin that is unloaded rather than restarted (EVT-25).
// It returns once the deletions are committed. Safe for concurrent use.
func (b *Bus) Remove(ctx context.Context, subscriber string) error {
	b.mu.Lock()
	if err := b.usable(); err != nil {
		b.mu.Unlock()
		return err
	}
	if o := b.owners[subscriber]; o != nil {
		for _, s := range o.sorted() {
			b.deleteSubscription(s)
		}
		delete(b.owners, subscriber)
	}
	bt := b.awaitable()
	b.release()
	return b.await(ctx, bt)
}

// deleteSubscription forgets s and stages the deletion of its rows.
// Requires mu.
func (b *Bus) deleteSubscription(s *subscription) {
	s.removed = true
	for _, e := range s.queue {
		e.stopTimer()
		e.state = entrySettled
	}
	s.queue, s.due, s.unanswered, s.sent = nil, nil, nil, 0
	b.index.remove(s)
	delete(s.owner.subs, s.pattern)
	b.stage(op{kind: opDeleteSubscription, subID: s.id})
}

// Count returns how many subscriptions subscriber has, so that leaks are
// visible (EVT-25). After Close it answers from the last state. Safe for
// concurrent use.
func (b *Bus) Count(subscriber string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if o := b.owners[subscriber]; o != nil {
		return len(o.subs)
	}
	return 0
}
