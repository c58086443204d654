package mockruntime

import (
	"context"
	"fmt"
	"syscall"
	"time"
)

// Stop shuts the plugin down in the order of LIFE-18: close stdin, wait the
// shutdown grace, SIGTERM the process group, wait the SIGTERM grace, SIGKILL
// the group. Graces run on the runtime's clock; when ctx ends, Stop skips
// the remaining graces and kills at once, so Stop always returns in bounded
// time. A plugin that needs SIGTERM is recorded as breaking LIFE-19.
func (p *Plugin) Stop(ctx context.Context) error {
	p.mu.Lock()
	p.stopRestartLocked()
	s := p.sess
	if s == nil {
		if p.state != Failed {
			p.setStateLocked(Stopped)
		}
		p.mu.Unlock()
		return nil
	}
	p.setStateLocked(Stopping)
	p.mu.Unlock()
	s.shutdown(ctx)
	return nil
}

// CloseStdin closes the plugin's stdin without waiting, as the first step
// of a shutdown; the exit that follows is an orderly stop. The graces of
// Stop are not applied: the host decides what to do next.
func (p *Plugin) CloseStdin() error {
	s := p.current()
	if s == nil {
		return ErrNotRunning
	}
	s.markStopping()
	s.w.CloseInput()
	p.rt.decide(p.Slug(), "stdin_closed", "LIFE-18", "", nil)
	return nil
}

func (s *session) markStopping() {
	s.mu.Lock()
	s.stopRequested = true
	s.mu.Unlock()
}

func (s *session) shutdown(ctx context.Context) {
	s.markStopping()
	s.w.CloseInput()
	s.rt.decide(s.p.Slug(), "stdin_closed", "LIFE-18", "", nil)
	t := s.rt.opts.Timing
	if s.waitExit(ctx, t.ShutdownGrace) {
		return
	}
	s.violation("LIFE-19", fmt.Sprintf("still running %v after end of file on stdin", t.ShutdownGrace), nil)
	s.rt.decide(s.p.Slug(), "sigterm", "LIFE-18", "", nil)
	s.proc.SignalGroup(syscall.SIGTERM)
	if s.waitExit(ctx, t.TermGrace) {
		return
	}
	s.rt.decide(s.p.Slug(), "sigkill", "LIFE-18", "", nil)
	s.proc.SignalGroup(syscall.SIGKILL)
	<-s.exited
}

// waitExit waits up to d of the runtime's clock for the process to exit.
// It gives up at once when ctx is done.
func (s *session) waitExit(ctx context.Context, d time.Duration) bool {
	if ctx.Err() != nil {
		return s.done()
	}
	expired := make(chan struct{})
	t := s.rt.clock.AfterFunc(d, func() { close(expired) })
	defer t.Stop()
	select {
	case <-s.exited:
		return true
	case <-expired:
		return s.done()
	case <-ctx.Done():
		return s.done()
	}
}
