package engine

import (
	"fmt"

	"github.com/conform-dev/conform/mockruntime"
)

// exitRule is the rule an exit nobody asked for is charged to, and the
// words that say why. When the last thing the runtime sent the process
// before it ended (pings aside) was a request, or the answer to a service
// call while a request was in its hands, the process ended with that
// request unanswered: ENV-8, whatever the scenario checks. Otherwise what
// the scenario had just made the plugin do is the likeliest trigger, and
// the scenario's first requirement is charged.
func (x *execution) exitRule(exit mockruntime.Entry) (rule, why string) {
	if id, sent, ok := x.requestInHand(exit); ok {
		return "ENV-8", fmt.Sprintf("; request %s (#%d) was in its hands and is never answered", id, sent)
	}
	return x.scenarioRule(), ""
}

// requestInHand finds the request the process that exited at exit was
// handling: the trigger, the last frame the runtime sent that process
// before it died, was the request, or an answer to one of its service
// calls while the request awaited its response. A process that says why
// it dies on stderr (a stack trace, "exiting") has died by then: the
// trigger is the last frame sent before the first stderr line since its
// last frame, and what the runtime sent while it went is not.
func (x *execution) requestInHand(exit mockruntime.Entry) (id string, sent int64, ok bool) {
	slug := x.env.Plugin.Slug()
	pending := map[string]int64{} // request id -> the entry that sent it
	var last, dying mockruntime.Entry
	dyingSeen := false // a stderr line came after the process's last frame
	for _, e := range x.env.Transcript().Since(0) {
		if e.Seq >= exit.Seq {
			break
		}
		if e.Plugin != slug {
			continue
		}
		switch {
		case e.Kind == mockruntime.KindDecision && e.Decision == "spawn":
			clear(pending)
			last, dyingSeen = mockruntime.Entry{}, false
		case e.Kind == mockruntime.KindLog && e.Stream == "stderr" && !dyingSeen:
			dying, dyingSeen = last, true
		case e.Kind != mockruntime.KindFrame:
		case e.Dir == mockruntime.DirOut && e.FrameType() == "ping": // the watchdog's, between the trigger and the exit
		case e.Dir == mockruntime.DirOut:
			last = e
			if e.FrameType() == "request" {
				pending[e.FrameID()] = e.Seq
			}
		default: // a frame from the process: it was alive after any stderr line so far
			dyingSeen = false
			if e.FrameType() == "response" {
				delete(pending, e.FrameID())
			}
		}
	}
	if dyingSeen {
		last = dying
	}
	switch last.FrameType() {
	case "request":
		seq, open := pending[last.FrameID()]
		return last.FrameID(), seq, open
	case "response", "event.ack": // the answer to one of its service calls (§9, events.* §10)
		for rid, seq := range pending {
			if !ok || seq < sent {
				id, sent, ok = rid, seq, true
			}
		}
	}
	return id, sent, ok
}
