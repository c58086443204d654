package engine

import (
	"fmt"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// exitRule is the rule an exit nobody asked for is charged to, and the
// words that say why, judged by what the runtime sent the process after
// its last sign of life (exitTrigger): a frame of a type the runtime does
// not send means it died of a frame it must ignore (ENV-4); a request, or
// the answer to one of its service calls while a request awaited its
// response, means it ended with that request unanswered (ENV-8, whatever
// the scenario checks). Otherwise what the scenario had just made the
// plugin do is the likeliest trigger, and the scenario's first requirement
// is charged.
func (x *execution) exitRule(exit mockruntime.Entry) (rule, why string) {
	t := x.exitTrigger(exit)
	switch {
	case t.unknown.Kind == mockruntime.KindFrame:
		return "ENV-4", fmt.Sprintf("; it ended after the frame of unknown type %q (#%d), which it must ignore", t.unknown.FrameType(), t.unknown.Seq)
	case t.request != "":
		return "ENV-8", fmt.Sprintf("; request %s (#%d) was in its hands and is never answered", t.request, t.requestSeq)
	}
	return x.scenarioRule(), ""
}

// runtimeFrameTypes are the frame types the runtime sends (§2-§11).
var runtimeFrameTypes = map[string]bool{
	wire.TypeRequest: true, wire.TypePing: true, wire.TypeEventDeliver: true, wire.TypeFileUploaded: true,
	wire.TypeConfigChanged: true, wire.TypePresenceConnected: true, wire.TypePresenceDisconnected: true,
	wire.TypePresenceChanged: true, wire.TypeScheduleFired: true, wire.TypeResponse: true, wire.TypeEventAck: true,
}

// trigger is what a process that ended on its own most likely died of.
type trigger struct {
	unknown    mockruntime.Entry // the first frame of unknown type sent since its last sign of life, if any
	request    string            // the request in its hands when the trigger was that request or an answer for it
	requestSeq int64             // the entry that sent that request
}

// exitTrigger looks at what the runtime sent the process that exited at
// exit after the last frame the process sent, its last sign of life.
// stderr lines are no sign of life: they are often its dying words,
// recorded after a burst of frames that reached the pipe before the crash
// did. Pings are the watchdog's, beside the point. The first frame sent
// after the sign of life is the trigger; when it was a request, or the
// answer to one of its service calls (response or event.ack) while a
// request awaited its response, that request was in its hands.
func (x *execution) exitTrigger(exit mockruntime.Entry) trigger {
	slug := x.env.Plugin.Slug()
	pending := map[string]int64{} // request id -> the entry that sent it
	var first, unknown mockruntime.Entry
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
			first, unknown = mockruntime.Entry{}, mockruntime.Entry{}
		case e.Kind != mockruntime.KindFrame:
		case e.Dir == mockruntime.DirOut && e.FrameType() == wire.TypePing:
		case e.Dir == mockruntime.DirOut:
			if first.Kind == "" {
				first = e
			}
			if unknown.Kind == "" && !runtimeFrameTypes[e.FrameType()] {
				unknown = e
			}
			if e.FrameType() == wire.TypeRequest {
				pending[e.FrameID()] = e.Seq
			}
		default: // a frame from the process: alive after everything so far
			first, unknown = mockruntime.Entry{}, mockruntime.Entry{}
			if e.FrameType() == wire.TypeResponse {
				delete(pending, e.FrameID())
			}
		}
	}
	t := trigger{unknown: unknown}
	switch first.FrameType() {
	case wire.TypeRequest:
		if seq, open := pending[first.FrameID()]; open {
			t.request, t.requestSeq = first.FrameID(), seq
		}
	case wire.TypeResponse, wire.TypeEventAck: // the answer to one of its service calls (§9, events.* §10)
		for id, seq := range pending {
			if t.request == "" || seq < t.requestSeq {
				t.request, t.requestSeq = id, seq
			}
		}
	}
	return t
}
