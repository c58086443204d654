package mockruntime

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// HoldAnswers holds the answers to the next n service calls the plugin
// makes from now on (the `response` or `event.ack` of each; a call that
// arrived before is answered as usual) until all n are ready, then sends
// them together in the reverse order of the calls' arrival. A test uses it to
// prove that the plugin matches answers to calls by id alone (ENV-11) and
// sends concurrent calls without waiting for earlier answers: a plugin that
// waits for one answer before its next call never completes the set.
//
// Each held call stays open until its answer is sent, so a reused id is
// still seen as such (ENV-5). A hold ends when its n answers are sent;
// calling HoldAnswers while one is filling is an error. Answers of a
// process that exits while held are dropped with it. Safe for concurrent
// use.
func (p *Plugin) HoldAnswers(n int) error {
	if n < 1 {
		return errors.New("hold at least one answer")
	}
	return p.answers.hold(n, p.rt.transcript.LastSeq())
}

// answerHold parks the answers of service calls while a hold fills. The
// zero value holds nothing. Safe for concurrent use.
type answerHold struct {
	mu       sync.Mutex
	want     int            // answers still to park before the release
	after    int64          // only calls recorded after this transcript entry are held
	parked   []parkedAnswer // in the order they became ready
	released chan struct{}  // closed once the parked answers are sent
}

// parkedAnswer is one held answer: the seq of its call frame and how to
// send it.
type parkedAnswer struct {
	seq  int64
	send func()
}

func (h *answerHold) hold(n int, after int64) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.want > 0 {
		return fmt.Errorf("%d answers are still being held", h.want)
	}
	h.want, h.after, h.released = n, after, make(chan struct{})
	return nil
}

// pass sends the answer to the call recorded as entry seq at once, unless
// a hold is filling and the call came after it began. Then it parks it;
// the answer that completes the hold sends every parked one, latest call
// first, while the others wait until that is done or ctx (the process's
// life) ends, so each call stays open until answered.
func (h *answerHold) pass(ctx context.Context, seq int64, send func()) {
	h.mu.Lock()
	if h.want == 0 || seq <= h.after {
		h.mu.Unlock()
		send()
		return
	}
	h.parked = append(h.parked, parkedAnswer{seq: seq, send: send})
	h.want--
	released := h.released
	if h.want > 0 {
		h.mu.Unlock()
		select {
		case <-released:
		case <-ctx.Done():
		}
		return
	}
	batch := h.parked
	h.parked = nil
	h.mu.Unlock()
	slices.SortFunc(batch, func(a, b parkedAnswer) int { return cmp.Compare(b.seq, a.seq) })
	for _, a := range batch {
		a.send()
	}
	close(released)
}
