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
	id := formatEventID(e.seq)
	if err := b.await(ctx, bt); err != nil {
		return id, err
	}
	if b.cfg.Published != nil {
		b.cfg.Published(Published{ID: id, Seq: e.seq, Topic: e.topic, Version: e.version, Source: e.source, Payload: e.payload})
	}
	return id, nil
}

// Published is an event whose publish was committed, as Config.Published
// is told of it. A plain value; Payload must not be modified.
type Published struct {
	ID      string
	Seq     int64
	Topic   string
	Version int
	Source  string // the publishing plugin's slug, or RuntimeSource
	Payload json.RawMessage
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
