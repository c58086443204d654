package bus

import "sync"

// effect is one decision to carry out after the bus's lock is released:
// a delivery to a sink or a report to the observer.
type effect struct {
	sink     Sink
	delivery Delivery
	report   *Report
}

func (e *effect) run(observe Observer) {
	if e.report != nil {
		observe(*e.report)
		return
	}
	e.sink.Deliver(e.delivery)
}

// outbox keeps decisions in the order they were taken and runs them outside
// the bus's lock, one drainer at a time, so a sink sees its deliveries in
// decision order even when several goroutines decide concurrently. push and
// mark may be called with Bus.mu held; drain and drainThrough must not be.
type outbox struct {
	observe Observer

	mu sync.Mutex
	// progress is signalled each time the drainer has run a chunk or stops.
	progress sync.Cond
	items    []effect
	spare    []effect
	draining bool
	// pushed and ran count effects queued and carried out so far.
	pushed, ran uint64
}

func newOutbox(observe Observer) *outbox {
	o := &outbox{observe: observe}
	o.progress.L = &o.mu
	return o
}

func (o *outbox) push(e effect) {
	o.mu.Lock()
	o.items = append(o.items, e)
	o.pushed++
	o.mu.Unlock()
}

// mark returns the count of effects queued so far.
func (o *outbox) mark() uint64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.pushed
}

// drain runs queued effects until none is left, unless another goroutine
// (possibly a caller further up this goroutine's stack) is already draining,
// in which case that drainer runs them and drain returns at once.
func (o *outbox) drain() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.draining {
		o.runQueued()
	}
}

// drainThrough returns once every effect queued before mark was taken has
// run, running them itself unless another goroutine is draining. It must not
// be called from a Sink or Observer: it would wait for itself.
func (o *outbox) drainThrough(mark uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for o.draining && o.ran < mark {
		o.progress.Wait()
	}
	if !o.draining {
		o.runQueued()
	}
}

// runQueued is the drainer's loop. Requires o.mu, which it releases while
// effects run.
func (o *outbox) runQueued() {
	o.draining = true
	for len(o.items) > 0 {
		run := o.items
		o.items = o.spare[:0]
		o.mu.Unlock()
		for i := range run {
			run[i].run(o.observe)
			run[i] = effect{}
		}
		o.mu.Lock()
		o.spare = run
		o.ran += uint64(len(run))
		o.progress.Broadcast()
	}
	o.draining = false
	o.progress.Broadcast()
}
