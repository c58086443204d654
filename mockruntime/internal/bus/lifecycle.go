package bus

// Attach sets the sink the subscriber's deliveries go to, once its process
// is ready, and sends whatever its active subscriptions may send. A
// subscription paused by a restart stays paused until the new process
// subscribes to it again. Safe for concurrent use.
func (b *Bus) Attach(subscriber string, sink Sink) error {
	b.mu.Lock()
	defer b.release()
	if err := b.usable(); err != nil {
		return err
	}
	o := b.owner(subscriber)
	o.sink = sink
	b.pumpAll(o)
	return nil
}

// Detach is called when the subscriber's process has ended: its sink is
// forgotten and every subscription is paused until the next process
// subscribes to it again. Every event awaiting an ack ends its attempt
// (counted toward the attempt limit) and, like one waiting out a backoff, is
// due for redelivery in log order when the subscription resumes (EVT-18);
// acks still to come from the dead process are answered with notices.
// Safe for concurrent use.
func (b *Bus) Detach(subscriber string) error {
	b.mu.Lock()
	defer b.release()
	if err := b.usable(); err != nil {
		return err
	}
	o := b.owners[subscriber]
	if o == nil {
		return nil
	}
	o.sink = nil
	for _, s := range o.sorted() {
		s.active = false
		s.unanswered = nil
		b.endWindow(s, causeSubscriberGone)
	}
	return nil
}

// endWindow ends every attempt of s in progress: awaiting an ack (a failed
// attempt) or waiting out a backoff; all become due now. Requires mu.
func (b *Bus) endWindow(s *subscription, cause retryCause) {
	sent := append([]*entry(nil), s.queue[:s.sent]...)
	for _, e := range sent {
		switch e.state {
		case entryInFlight:
			b.failAttempt(s, e, cause, false)
		case entryBackoff:
			e.cause = cause
			b.makeDue(s, e)
		}
	}
}

// Pause holds every delivery to subscriber, first deliveries and
// redeliveries alike, until Resume; deadlines keep running. This is the
// host's control, separate from the pause of a restart. Safe for concurrent
// use.
func (b *Bus) Pause(subscriber string) error {
	b.mu.Lock()
	defer b.release()
	if err := b.usable(); err != nil {
		return err
	}
	b.owner(subscriber).held = true
	return nil
}

// Resume ends a Pause and sends what was held. Safe for concurrent use.
func (b *Bus) Resume(subscriber string) error {
	b.mu.Lock()
	defer b.release()
	if err := b.usable(); err != nil {
		return err
	}
	o := b.owner(subscriber)
	o.held = false
	b.pumpAll(o)
	return nil
}

// Redeliver makes every event of the subscription that awaits an ack or
// waits out a backoff due at once, with its attempt increased; an event
// that already had its last attempt is dead-lettered instead. Unknown
// subscriptions are NOT_FOUND. Safe for concurrent use.
func (b *Bus) Redeliver(subscriber, pattern string) error {
	b.mu.Lock()
	defer b.release()
	if err := b.usable(); err != nil {
		return err
	}
	s := b.lookup(subscriber, pattern)
	if s == nil {
		return notFound(subscriber, pattern)
	}
	b.endWindow(s, causeHost)
	b.pump(s)
	return nil
}
