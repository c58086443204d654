package mockruntime

import (
	"context"
	"sync"
)

// inFlight counts work in progress and lets others wait until there is
// none. The reader goroutine brackets each inbound frame with begin and end,
// from recording it in the transcript to having acted on it (a pong
// settled, an ack handed to the bus, a service call dispatched). Safe for
// concurrent use; the zero value is ready.
type inFlight struct {
	mu    sync.Mutex
	n     int
	quiet chan struct{} // closed when n drops to zero; nil while nobody waits
}

func (f *inFlight) begin() {
	f.mu.Lock()
	f.n++
	f.mu.Unlock()
}

func (f *inFlight) end() {
	f.mu.Lock()
	f.n--
	if f.n == 0 && f.quiet != nil {
		close(f.quiet)
		f.quiet = nil
	}
	f.mu.Unlock()
}

// wait returns once nothing is in flight, or when ctx ends.
func (f *inFlight) wait(ctx context.Context) error {
	f.mu.Lock()
	if f.n == 0 {
		f.mu.Unlock()
		return nil
	}
	if f.quiet == nil {
		f.quiet = make(chan struct{})
	}
	quiet := f.quiet
	f.mu.Unlock()
	select {
	case <-quiet:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
