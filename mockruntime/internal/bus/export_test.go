package bus

// Crash stops b the way a killed runtime would: no final flush, no clean
// mark, whatever is staged and not yet committed is lost.
func (b *Bus) Crash() {
	b.mu.Lock()
	b.closed = true
	for _, o := range b.owners {
		for _, s := range o.subs {
			for _, e := range s.queue {
				e.stopTimer()
			}
		}
	}
	if b.staged.flush != nil {
		b.staged.flush.Stop()
	}
	b.staged = newBatch()
	b.mu.Unlock()
	close(b.stop)
	<-b.done
	b.store.close()
}
