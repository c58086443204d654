package bus

import (
	"runtime"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// runCommitter is the committer goroutine: each time it is kicked it takes
// everything staged and commits it in one transaction, so concurrent calls
// share commits. On stop it commits what is left and exits.
func (b *Bus) runCommitter() {
	defer close(b.done)
	for {
		select {
		case <-b.kick:
			// Let the callers just woken by the last commit stage their
			// work first, so that they share this commit.
			runtime.Gosched()
			b.commitStaged()
		case <-b.stop:
			b.commitStaged()
			return
		}
	}
}

// commitStaged writes the staged batch, then makes its events deliverable,
// decides their deliveries and releases the callers waiting for it.
func (b *Bus) commitStaged() {
	b.mu.Lock()
	bt := b.staged
	if bt.empty() && !bt.urgent {
		b.mu.Unlock()
		return
	}
	b.staged = newBatch()
	if bt.flush != nil {
		bt.flush.Stop()
	}
	rows := bt.rows()
	b.mu.Unlock()

	var err error
	if !bt.empty() {
		err = b.store.write(bt.ops, rows)
	}

	b.mu.Lock()
	if err != nil {
		err = wire.Errorf(wire.CodeInternal, "event bus storage failed: %v", err)
		b.failed = err
	} else {
		b.durableSeq = max(b.durableSeq, bt.lastSeq)
		for _, s := range bt.wake {
			b.pump(s)
		}
	}
	bt.mark = b.out.mark()
	b.mu.Unlock()
	// The callers waiting for the batch carry out its deliveries (await)
	// while the committer goes on with the next one. A batch with
	// deliveries always has such a caller: only Publish wakes anything.
	bt.err = err
	close(bt.done)
}
