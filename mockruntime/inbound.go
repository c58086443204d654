package mockruntime

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/conform-dev/conform/mockruntime/wire"
	"github.com/conform-dev/conform/schemas"
)

// maxRawInViolation bounds the raw line kept with a violation (FRAME-18).
const maxRawInViolation = 512

// inboundHandlers routes the plugin's lifecycle and reply frames by type;
// every other type is a service call (CONFORMANCE.md §2, §9).
var inboundHandlers = map[string]func(s *session, f frameIn){
	wire.TypeReady:      (*session).onReady,
	wire.TypeServeReady: (*session).onServeReady,
	wire.TypePong:       (*session).onPong,
	wire.TypeResponse:   (*session).onResponse,
	wire.TypeEventAck:   (*session).onEventAck,
}

// frameIn is one decoded frame from the plugin.
type frameIn struct {
	typ string
	id  string
	obj map[string]any
	seq int64 // its transcript entry
}

// onFrame handles the bytes after `IPC:` of one stdout line. It runs on the
// reader goroutine and never blocks: replies are queued, service calls run
// on their own goroutines.
func (s *session) onFrame(body []byte) {
	obj, err := decodeFrame(body)
	if err != nil {
		data := map[string]any{"raw": truncate(body, maxRawInViolation)}
		var dup *schemas.DuplicateKeyError
		if errors.As(err, &dup) {
			data["pointer"] = dup.Pointer
		}
		s.violation("FRAME-19", err.Error(), data)
		return
	}
	typ, _ := obj["type"].(string)
	id, _ := obj["id"].(string)
	s.handling.begin()
	defer s.handling.end()
	entry := s.rt.transcript.recordFrame(s.p.Slug(), DirIn, typ, id, body, envelopeOf(obj))
	f := frameIn{typ: typ, id: id, obj: obj, seq: entry.Seq}
	if err := schemas.ValidateFrame(schemas.FromPlugin, obj); err != nil {
		s.invalidFrame(f, err)
		return
	}
	if h, ok := inboundHandlers[typ]; ok {
		h(s, f)
		return
	}
	s.calls.Add(1) // before the reader reads on (FRAME-25)
	go s.serveCall(f)
}

// decodeFrame parses a frame body: UTF-8, JSON, an object (FRAME-19).
func decodeFrame(body []byte) (map[string]any, error) {
	if !utf8.Valid(body) {
		return nil, errors.New("the frame is not valid UTF-8")
	}
	doc, err := schemas.Decode(body)
	if err != nil {
		return nil, fmt.Errorf("the frame is not valid JSON: %w", err)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, errors.New("the frame is not a JSON object")
	}
	return obj, nil
}

// invalidFrame records a schema violation and, for a service call with a
// usable id (a string of 1 to 256 bytes, ENV-2), answers INVALID_PARAMS so
// the caller is not left waiting (FRAME-23). Any other id is never echoed:
// the answer would break the runtime's own schema.
func (s *session) invalidFrame(f frameIn, err error) {
	rule, data := "FRAME-22", map[string]any{"frame_seq": f.seq}
	var se *schemas.Error
	if errors.As(err, &se) {
		if se.Rule != "" {
			rule = se.Rule
		}
		data["pointer"], data["schema"] = se.Pointer, se.SchemaLocation
	}
	s.violation(rule, err.Error(), data)
	_, lifecycle := inboundHandlers[f.typ]
	if f.typ != "" && usableID(f.id) && !lifecycle {
		s.answerError(f, wire.Errorf(wire.CodeInvalidParams, "%v", err).With("pointer", data["pointer"]))
	}
}

// usableID reports whether id may be echoed in an answer (ENV-2).
func usableID(id string) bool { return id != "" && len(id) <= wire.MaxIDBytes }

// envelopeOf returns a function giving the frame without its bulky members,
// for transcripts of very large frames.
func envelopeOf(obj map[string]any) func() []byte {
	return func() []byte {
		small := map[string]any{}
		for _, k := range []string{"type", "id", "ok", "error", "subscription", "event_id"} {
			if v, ok := obj[k]; ok {
				small[k] = v
			}
		}
		b, _ := json.Marshal(small)
		return b
	}
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}
