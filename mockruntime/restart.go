package mockruntime

import (
	"fmt"
	"time"
)

// onSessionExit applies the restart policy to a process that ended
// (LIFE-14, LIFE-15). An exit the host asked for leaves the plugin stopped.
func (p *Plugin) onSessionExit(s *session, exit Exit) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.exits = append(p.exits, exit)
	if p.sess != s {
		return
	}
	p.sess = nil
	if exit.Requested {
		p.setStateLocked(Stopped)
		return
	}
	p.crashedLocked()
}

// crashedLocked counts a crash and schedules a restart, or gives up.
// p.mu must be held.
func (p *Plugin) crashedLocked() {
	p.crashes++
	t := p.rt.opts.Timing
	switch {
	case p.rt.opts.NoRestart:
		p.setStateLocked(Crashed)
		p.rt.decide(p.Slug(), "crash", "LIFE-14", "automatic restart is disabled", nil)
	case p.crashes >= t.MaxRestarts:
		p.setStateLocked(Failed)
		p.rt.decide(p.Slug(), "failed", "LIFE-15", fmt.Sprintf("%d consecutive crashes: not restarting", p.crashes), nil)
	default:
		delay := restartDelay(t.RestartBase, t.RestartMax, p.crashes)
		p.setStateLocked(Restarting)
		// The timer runs before the decision is recorded, so a host that
		// saw it may move the clock and find the restart due.
		p.restartTimer = p.rt.clock.AfterFunc(delay, p.restartAfterCrash)
		p.rt.decide(p.Slug(), "restart_scheduled", "LIFE-14", fmt.Sprintf("crash %d: restarting in %v", p.crashes, delay), map[string]any{"delay_ms": elapsedMillis(delay)})
	}
}

// restartDelay is base doubled per consecutive crash after the first, capped.
func restartDelay(base, max time.Duration, crashes int) time.Duration {
	d := base
	for i := 1; i < crashes && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

// restartAfterCrash spawns the next process; a failure to spawn counts as
// another crash.
func (p *Plugin) restartAfterCrash() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.state != Restarting || p.sess != nil {
		return
	}
	p.restartTimer = nil
	p.rt.decide(p.Slug(), "restart", "LIFE-14", "", nil)
	if err := p.spawnLocked(); err != nil {
		p.crashedLocked()
	}
}

// stopRestartLocked cancels a scheduled restart. p.mu must be held.
func (p *Plugin) stopRestartLocked() {
	if p.restartTimer != nil {
		p.restartTimer.Stop()
		p.restartTimer = nil
	}
}

// armCrashReset forgets past crashes once the process has stayed up long
// enough after ready (LIFE-15).
func (s *session) armCrashReset() {
	t := s.rt.clock.AfterFunc(s.rt.opts.Timing.RestartReset, func() {
		s.p.mu.Lock()
		if s.p.sess == s {
			s.p.crashes = 0
		}
		s.p.mu.Unlock()
	})
	s.mu.Lock()
	s.resetTimer = t
	s.mu.Unlock()
}
