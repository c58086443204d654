package bus

import (
	"context"
	"encoding/json"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Publish appends ev to the log and fans it out to every subscription whose
// pattern matches its topic, the publisher's own included, applying their
// overflow policies. It returns the event id once the event and its fan-out
// are committed (EVT-5); by then the subscriptions that can take it have
// been sent it. A cancelled ctx stops the wait, not the publish. Safe for
// concurrent use; concurrent publishes share one transaction.
func (b *Bus) Publish(ctx context.Context, ev Event) (string, error) {
	if !ValidTopic(ev.Topic) {
		return "", wire.Errorf(wire.CodeInvalidParams, "invalid topic %q", ev.Topic).With("pointer", "/topic")
	}
	b.mu.Lock()
	if err := b.usable(); err != nil {
		b.mu.Unlock()
		return "", err
	}
	e := b.appendEvent(ev)
	b.matchBuf = b.index.matching(b.matchBuf[:0], e.topic)
	for _, s := range b.matchBuf {
		b.fanOut(s, e)
	}
	clear(b.matchBuf)
	bt := b.awaitable()
	b.release()
	return formatEventID(e.seq), b.await(ctx, bt)
}

// appendEvent gives ev the next sequence and stages it. Requires mu.
func (b *Bus) appendEvent(ev Event) *event {
	e := &event{
		seq:     b.nextSeq,
		topic:   ev.Topic,
		version: ev.Version,
		ts:      clock.Millis(b.cfg.Clock.Now()),
		source:  ev.Source,
		payload: ev.Payload,
	}
	if e.version == 0 {
		e.version = 1
	}
	if e.payload == nil {
		e.payload = json.RawMessage("null")
	}
	b.nextSeq++
	b.staged.lastSeq = e.seq
	b.stage(op{kind: opInsertEvent, ev: e})
	return e
}
