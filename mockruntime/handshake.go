package mockruntime

import "fmt"

// armHandshake starts the handshake timer at spawn (LIFE-5, LIFE-6).
func (s *session) armHandshake() {
	d := s.rt.opts.Timing.HandshakeTimeout
	t := s.rt.clock.AfterFunc(d, func() {
		s.mu.Lock()
		ready := s.ready
		s.mu.Unlock()
		if ready {
			return
		}
		s.violation("LIFE-5", fmt.Sprintf("no ready within the handshake timeout of %v", d), nil)
		s.kill("handshake", "LIFE-6", "handshake timeout")
	})
	s.mu.Lock()
	s.handshakeTimer = t
	s.mu.Unlock()
}

// onReady handles `ready`: the first starts the plugin's service (watchdog,
// deliveries, requests); a second is a violation (LIFE-7, LIFE-8).
func (s *session) onReady(f frameIn) {
	s.mu.Lock()
	if s.ready {
		s.mu.Unlock()
		s.violation("LIFE-7", "a second ready from the same process", map[string]any{"frame_seq": f.seq})
		return
	}
	s.ready = true
	optedIn := s.p.manifest.Backend.ServeReady
	s.released = !optedIn
	s.handshakeTimer.Stop()
	s.mu.Unlock()

	s.armWatchdog()
	s.armCrashReset()
	if optedIn {
		s.armServeReady()
	}
	// Recorded once the timers run, so a host that saw it may move the
	// clock and find the first ping due.
	s.rt.decide(s.p.Slug(), "ready", "LIFE-5", "", nil)
	s.p.mu.Lock()
	if s.p.sess == s && s.p.state == Starting {
		s.p.setStateLocked(Running)
	}
	s.p.mu.Unlock()
	s.p.attachBus(s)
}

// armServeReady starts the serve-ready timer of a plugin that opted in
// (LIFE-11, LIFE-12).
func (s *session) armServeReady() {
	d := s.rt.opts.Timing.ServeReadyTimeout
	t := s.rt.clock.AfterFunc(d, func() {
		if s.releaseRequests() {
			s.violation("LIFE-12", fmt.Sprintf("no serve_ready within %v; releasing held requests", d), nil)
		}
	})
	s.mu.Lock()
	s.serveTimer = t
	s.mu.Unlock()
}

// onServeReady handles `serve_ready` (LIFE-11, LIFE-13).
func (s *session) onServeReady(f frameIn) {
	s.mu.Lock()
	ready, already := s.ready, s.serveReady
	if ready { // one before ready is ignored: it does not count as the first
		s.serveReady = true
	}
	s.mu.Unlock()
	switch {
	case !ready:
		// the plugin broke LIFE-12 (serve_ready comes after ready); LIFE-13
		// is the runtime's duty to record and ignore it
		s.violation("LIFE-12", "serve_ready before ready", map[string]any{"frame_seq": f.seq})
	case !s.p.manifest.Backend.ServeReady:
		s.rt.decide(s.p.Slug(), "notice", "LIFE-13", "serve_ready from a plugin that did not opt in; no effect", nil)
	case already:
		s.violation("LIFE-12", "a second serve_ready", map[string]any{"frame_seq": f.seq})
	default:
		s.releaseRequests()
		s.rt.decide(s.p.Slug(), "serve_ready", "LIFE-11", "held requests released", nil)
	}
}

// releaseRequests lets requests flow; it reports whether they were held.
func (s *session) releaseRequests() bool {
	s.mu.Lock()
	was := s.released
	s.released = true
	if s.serveTimer != nil {
		s.serveTimer.Stop()
	}
	s.mu.Unlock()
	if !was {
		s.p.mu.Lock()
		s.p.notifyLocked()
		s.p.mu.Unlock()
	}
	return !was
}
