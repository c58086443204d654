package mockruntime

import (
	"fmt"

	"github.com/conform-dev/conform/mockruntime/service"
)

// notify sends a notification frame (CONFORMANCE.md §11) to the plugin's
// current process. A plugin that is not running and ready does not get it:
// the notification is dropped and the drop recorded (NOTE-1). Callable from
// any goroutine; never blocks.
func (p *Plugin) notify(frame map[string]any) error {
	s := p.current()
	if s == nil || !s.isReadyForNotifications() {
		p.rt.decide(p.Slug(), "notice", "NOTE-1", fmt.Sprintf("%v not sent: the plugin is not running", frame["type"]), nil)
		return ErrNotRunning
	}
	return s.send(frame)
}

// isReadyForNotifications reports whether the session has sent ready and is
// not being stopped.
func (s *session) isReadyForNotifications() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ready && !s.stopRequested && s.killReason == ""
}

// requestContext returns a request of this process that is still
// awaiting its response, for presence calls (PRES-3).
func (s *session) requestContext(requestID string) (service.RequestContext, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pr, ok := s.pending[requestID]
	if !ok {
		return service.RequestContext{}, false
	}
	return service.RequestContext{ID: pr.id, SessionID: pr.sessionID, User: pr.user}, true
}
