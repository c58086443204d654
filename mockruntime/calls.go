package mockruntime

import (
	"errors"
	"fmt"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
	"github.com/conform-dev/conform/schemas"
)

// serveCall runs one service call on its own goroutine (ENV-12): it looks
// the type up in the dispatch table, checks in order the params and the
// capability (SVC-2), then serves it and answers exactly once (ENV-7).
// Every service, built-in or a host's, passes the same checks.
func (s *session) serveCall(f frameIn) {
	defer s.calls.Add(-1)
	s.trackCallID(f)
	defer s.forgetCallID(f.id)
	ack := ackedServices[f.typ]
	svc, ok := s.rt.hub.services.Lookup(f.typ)
	if !ok {
		s.reply(f, false, nil, wire.Errorf(wire.CodeUnknownService, "no service named %q", f.typ))
		return
	}
	c, err := s.newCall(f)
	if err != nil {
		s.reply(f, ack, nil, err)
		return
	}
	if err := s.checkCapability(c, f.seq, svc.Capability(c)); err != nil {
		s.reply(f, ack, nil, err)
		return
	}
	result, err := svc.Serve(s.ctx, c)
	s.reply(f, ack, result, err)
}

// newCall validates the params of f against its service schema (FRAME-24).
// A service the schemas do not describe (one a host added) gets its params
// unchecked, to check them itself.
func (s *session) newCall(f frameIn) (*service.Call, error) {
	params, _ := f.obj["params"].(map[string]any)
	if params == nil {
		params = map[string]any{}
	}
	if err := schemas.ValidateParams(f.typ, params); err != nil && !errors.Is(err, schemas.ErrUnknownService) {
		return nil, invalidParams(err)
	}
	op, _ := params["op"].(string)
	return &service.Call{Type: f.typ, Op: op, Params: params, Plugin: s.p.handle, Process: s.handle, Host: s.rt.host}, nil
}

func invalidParams(err error) *wire.Error {
	e := wire.Errorf(wire.CodeInvalidParams, "%v", err)
	var se *schemas.Error
	if errors.As(err, &se) {
		e = wire.Errorf(wire.CodeInvalidParams, "%s", se.Message).With("pointer", "/params"+se.Pointer)
	}
	return e
}

// checkCapability enforces CAP-1 for the call recorded as entry seq and
// keeps the capability report (CAP-4).
func (s *session) checkCapability(c *service.Call, seq int64, required string) error {
	if required == "" {
		return nil
	}
	granted, ok := grantingCapability(s.p.manifest.Permissions, required)
	if ok {
		s.p.caps.use(granted)
		return nil
	}
	s.p.caps.deny(DeniedCall{Type: c.Type, Capability: required, Seq: seq})
	s.rt.decide(s.p.Slug(), "deny", "CAP-1", fmt.Sprintf("%s needs %s, which the manifest does not declare", c.Type, required),
		map[string]any{"capability": required, "frame_seq": seq, "type": c.Type})
	return wire.Errorf(wire.CodePermissionDenied, "%s is not declared in the manifest", required).With("capability", required)
}

// reply answers a call with a response or an event.ack, unless the host
// holds answers (HoldAnswers).
func (s *session) reply(f frameIn, ack bool, result any, err error) {
	s.p.answers.pass(s.ctx, f.seq, func() { s.sendReply(f, ack, result, err) })
}

func (s *session) sendReply(f frameIn, ack bool, result any, err error) {
	var we *wire.Error
	if err != nil {
		we = wire.AsError(err)
	}
	switch {
	case ack:
		s.sendAck(f, result, we)
	case we != nil:
		s.answerError(f, we)
	default:
		s.answer(f, result)
	}
}

// sendAck answers an events.* call (EVT-6). A result of type service.Ack
// may carry the published event id.
func (s *session) sendAck(f frameIn, result any, we *wire.Error) {
	frame := map[string]any{"type": wire.TypeEventAck, "id": f.id, "ok": we == nil}
	if we != nil {
		frame["error"] = we
	} else if r, ok := result.(service.Ack); ok && r.EventID != "" {
		frame["event_id"] = r.EventID
	}
	_ = s.sendAnswer(frame)
}

// maxRememberedCallIDs bounds the ids kept to detect reuse (ENV-6).
const maxRememberedCallIDs = 1 << 20

// trackCallID records a service call's id, reporting an id still awaiting
// its answer (ENV-5) or used before by this process (ENV-6).
func (s *session) trackCallID(f frameIn) {
	s.mu.Lock()
	outstanding, seen := s.openCalls[f.id], s.usedCalls[f.id]
	s.openCalls[f.id] = true
	if len(s.usedCalls) < maxRememberedCallIDs {
		s.usedCalls[f.id] = true
	}
	s.mu.Unlock()
	switch {
	case outstanding:
		s.violation("ENV-5", fmt.Sprintf("service call id %q is already awaiting its answer", f.id), map[string]any{"frame_seq": f.seq})
	case seen:
		s.violation("ENV-6", fmt.Sprintf("service call id %q was used before by this process", f.id), map[string]any{"frame_seq": f.seq})
	}
}

func (s *session) forgetCallID(id string) {
	s.mu.Lock()
	delete(s.openCalls, id)
	s.mu.Unlock()
}
