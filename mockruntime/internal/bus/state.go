package bus

// SubscriptionState is what the host can read about one subscription: a
// snapshot, the caller's own.
type SubscriptionState struct {
	Subscriber string
	Pattern    string
	Options    Options
	// Active: subscribed by the subscriber's current process; false while
	// paused by a plugin or runtime restart.
	Active bool
	// HeldByHost: the host paused the subscriber (Pause).
	HeldByHost bool
	// Position is the newest log sequence up to which every event matched
	// to the subscription is settled or dropped.
	Position int64
	// InFlight counts the events holding a window slot: sent and not
	// settled, whether awaiting an ack or due for redelivery.
	InFlight int
	// QueueLen counts the matched events not yet settled, in flight or not.
	QueueLen int
	Healthy  bool
	Drops    int64
	// DeadLetters are the ids of the dead-lettered events, in log order.
	DeadLetters []string
	// Delivered counts attempts sent; Acked and Nacked the positive and
	// negative acks matched to one.
	Delivered, Acked, Nacked int64
}

// State returns the state of (subscriber, pattern) and whether it exists.
// After Close it answers from the last state. Safe for concurrent use.
func (b *Bus) State(subscriber, pattern string) (SubscriptionState, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.lookup(subscriber, pattern)
	if s == nil {
		return SubscriptionState{}, false
	}
	return s.state(), true
}

// Subscriptions returns the state of every subscription of subscriber, in
// creation order. After Close it answers from the last state. Safe for
// concurrent use.
func (b *Bus) Subscriptions(subscriber string) []SubscriptionState {
	b.mu.Lock()
	defer b.mu.Unlock()
	o := b.owners[subscriber]
	if o == nil {
		return nil
	}
	var states []SubscriptionState
	for _, s := range o.sorted() {
		states = append(states, s.state())
	}
	return states
}

// state snapshots s. Requires Bus.mu.
func (s *subscription) state() SubscriptionState {
	dead := make([]string, len(s.deadLetters))
	for i, seq := range s.deadLetters {
		dead[i] = formatEventID(seq)
	}
	return SubscriptionState{
		Subscriber: s.owner.name, Pattern: s.pattern, Options: s.opts,
		Active: s.active, HeldByHost: s.owner.held, Position: s.position(),
		InFlight: s.sent, QueueLen: len(s.queue), Healthy: s.healthy, Drops: s.drops,
		DeadLetters: dead, Delivered: s.delivered, Acked: s.acked, Nacked: s.nacked,
	}
}
