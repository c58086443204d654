package mockruntime

import (
	"fmt"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
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
	typ, _ := frame["type"].(string)
	s.asked(typ, "")
	return s.send(frame)
}

// asked numbers a request (with its id) or a notification about to be
// sent, so that a response answering nothing can be told apart from an
// answer to a notification (NOTE-2).
func (s *session) asked(typ, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.askSeq++
	if typ != wire.TypeRequest {
		s.lastNote, s.lastNoteAt = typ, s.askSeq
		if s.notesSent == nil {
			s.notesSent = map[string]bool{}
		}
		s.notesSent[typ] = true
	} else if pr := s.pending[id]; pr != nil {
		pr.askedAt = s.askSeq
	}
}

// answeredNotification returns the type of the notification a response
// with the given id most likely answers, or "". Its id must be none the
// runtime gave a request of this plugin, and then either it is the type
// of a notification this process was sent (an SDK that falls back on the
// frame's type for a missing id), or the newest frame sent that could
// draw an answer was a notification and no request sent before it still
// awaits its answer. Otherwise the response may be a request's under a
// wrong id (ENV-8), which nothing on the wire tells apart.
func (s *session) answeredNotification(id string) string {
	s.mu.Lock()
	if s.notesSent[id] { // a type of §11, never a "req-N"
		s.mu.Unlock()
		return id
	}
	note, at := s.lastNote, s.lastNoteAt
	if at != s.askSeq {
		note = "" // a request went out after it
	}
	for _, pr := range s.pending {
		if pr.askedAt < at {
			note = ""
		}
	}
	s.mu.Unlock()
	if note == "" || s.p.issuedRequestID(id) {
		return ""
	}
	return note
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
