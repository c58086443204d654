// Package bus is the runtime's durable, acknowledged event bus
// (CONFORMANCE.md §10): an append-only event log, subscriptions keyed by
// (subscriber, pattern), per-subscription delivery windows, ack deadlines,
// redelivery with backoff, dead letters and overflow policies, all kept in
// one SQLite file so that they survive plugin and runtime restarts.
//
// The bus does not check capabilities, namespaces or params schemas: the
// runtime does that before calling it. It does refuse malformed topics,
// patterns and options with INVALID_PARAMS, so a bad call never reaches the
// log.
//
// # Concurrency
//
// Every exported method of *Bus is safe for concurrent use. The state lives
// in memory under one mutex and is written through to SQLite by a committer
// goroutine that commits everything staged so far in one transaction (group
// commit). Publish, Subscribe, Unsubscribe and Remove return only after the
// transaction holding their change has committed; the other calls do not
// wait, and what they stage is committed with the next of those or within
// Config.FlushInterval (a lost ack after a crash only causes a redelivery).
//
// Sink.Deliver and the Observer are never called with the bus's mutex held.
// Every decision (a delivery or a report) is queued, in the order it was
// taken, in an outbox that one goroutine at a time drains, so each sink sees
// its deliveries in decision order. The drainer is the goroutine whose call
// took the decision (for a publish, the publishers waiting for the commit),
// so a call returns after its deliveries and reports went out, unless another
// goroutine was draining at the time and carries them out instead. A Sink or
// Observer may call Ack, Attach, Detach, Pause, Resume, Redeliver and the
// read-only methods; it must not call Publish, Subscribe, Unsubscribe, Remove
// or Close, which would wait for the drain it runs in.
//
// # Durability
//
// An event and its fan-out are committed before Publish returns; the file
// layout is described in schema.go. After Open every subscription is paused
// until its subscriber subscribes again, and every event that was sent and
// not settled is due again with its attempt increased. Close saves the exact
// attempt counts; after a crash the bus cannot know which of the first
// events of a queue had been sent since the last commit, so it takes the
// first max_in_flight of them (and any up to the newest first delivery it
// recorded) as sent: an event that was in flight always comes back with
// attempt 2 or more, one that was not may too.
//
// # Delivery window
//
// Per subscription, first deliveries go out in log order and an event holds
// one slot of the max_in_flight window from its first delivery until it is
// settled (acknowledged, dead-lettered) or its subscription is deleted. A
// redelivery reuses the slot its event already holds: an event waiting out a
// backoff, or due for redelivery after its subscriber restarted, still counts,
// so no new event overtakes the window while older ones are being retried and
// at most max_in_flight distinct events are ever awaiting an ack. Every
// attempt that ends without a positive ack (a negative ack, a missed ack
// deadline, a subscriber that died, a forced redelivery) counts toward the
// attempt limit; the attempt after the last allowed one is never sent, the
// event is dead-lettered instead.
package bus
