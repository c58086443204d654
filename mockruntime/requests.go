package mockruntime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// User is the caller of a request (REQ-1).
type User = service.User

// DefaultUser is the caller used when a Request names none.
var DefaultUser = User{ID: "user-1", DisplayName: "Test User", Role: "member"}

// Request is a call of one of the plugin's actions.
type Request struct {
	Action    string
	Params    any    // nil sends {}
	User      *User  // nil sends DefaultUser
	SessionID string // empty: no live client session
}

// Response is the plugin's answer to a request.
type Response struct {
	ID     string          // the request id the runtime chose
	Result json.RawMessage // the result, when Error is nil
	Error  *wire.Error     // the plugin's error envelope, or TIMEOUT / PLUGIN_UNAVAILABLE
}

// pendingRequest is a request awaiting its response.
type pendingRequest struct {
	id        string
	sessionID string // the caller's client session, for presence (PRES-3)
	user      User
	done      chan Response // buffered: settling never blocks
	timer     clock.Timer
	askedAt   uint64 // the session's ask counter when it was sent (NOTE-2); guarded by the session's mu
}

// Request sends a request to the plugin and waits for its response. While
// the plugin is starting the request is held until it is ready (LIFE-17,
// LIFE-11); a stopped or failed plugin answers PLUGIN_UNAVAILABLE at once.
// The request timeout runs on the runtime's clock from the moment of the
// call (REQ-5). Safe for concurrent use.
func (p *Plugin) Request(ctx context.Context, req Request) Response {
	p.mu.Lock()
	p.nextRequestID++
	id := fmt.Sprintf("req-%d", p.nextRequestID)
	p.mu.Unlock()
	user := DefaultUser
	if req.User != nil {
		user = *req.User
	}
	pr := &pendingRequest{id: id, sessionID: req.SessionID, user: user, done: make(chan Response, 1)}
	pr.timer = p.rt.clock.AfterFunc(p.rt.opts.Timing.RequestTimeout, func() { p.timeoutRequest(pr) })
	defer pr.timer.Stop()
	s, err := p.sendWhenReleased(ctx, pr, req)
	if err != nil {
		return Response{ID: id, Error: wire.AsError(err)}
	}
	select {
	case r := <-pr.done:
		return r
	case <-ctx.Done():
		s.abandon(id)
		return Response{ID: id, Error: wire.Errorf(wire.CodeTimeout, "the caller gave up: %v", ctx.Err())}
	}
}

// sendWhenReleased waits until a process takes requests, registers pr with
// it and sends the request, and returns that process. A process that goes
// away between its release and the send (killed by the watchdog or for
// flooding, crashed) never gets the request: it waits for the restart, as
// a request made after the crash would (LIFE-17), instead of being
// answered for a pipe that closed under it. A request that cannot be
// encoded or sent for any other reason (over the line cap) is answered
// INVALID_PARAMS.
func (p *Plugin) sendWhenReleased(ctx context.Context, pr *pendingRequest, req Request) (*session, error) {
	var gone *session // the process a send just failed on: wait for the next
	for {
		s, err := p.awaitReleased(ctx, pr, gone)
		if err != nil {
			return nil, err
		}
		if early, settled := s.register(pr); settled {
			pr.done <- early // timed out while held: the caller reads it from done
			return s, nil
		}
		err = s.sendRequest(pr.id, req)
		switch {
		case err == nil:
			return s, nil
		case errors.Is(err, ErrNotRunning) && s.unregister(pr.id):
			gone = s
			continue
		}
		s.settle(pr.id, Response{ID: pr.id, Error: wire.Errorf(wire.CodeInvalidParams, "the request cannot be sent: %v", err)})
		return s, nil
	}
}

// unregister takes back a request the session never sent, unless it has
// been settled meanwhile; it reports whether it took it back.
func (s *session) unregister(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.pending[id]
	delete(s.pending, id)
	return ok
}

// abandon forgets a request its caller stopped waiting for; a response to
// it later is not the plugin's fault.
func (s *session) abandon(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.pending, id)
	s.abandoned[id] = true
}

// awaitReleased waits until the current session takes requests, the request
// times out on the clock, or the plugin cannot take it. The session gone,
// if any, is one whose pipe refused the request: it never counts as
// released, so a process that died before its exit is noticed is not sent
// the request again and again.
func (p *Plugin) awaitReleased(ctx context.Context, pr *pendingRequest, gone *session) (*session, error) {
	for {
		p.mu.Lock()
		state, s, changed := p.state, p.sess, p.changed
		p.mu.Unlock()
		if !state.holdsRequests() {
			return nil, wire.Errorf(wire.CodePluginUnavailable, "plugin %s is %s", p.Slug(), state)
		}
		if s != nil && s != gone && s.isReady() {
			return s, nil
		}
		select {
		case <-changed:
		case r := <-pr.done:
			return nil, r.Error
		case <-ctx.Done():
			return nil, wire.Errorf(wire.CodeTimeout, "the caller gave up: %v", ctx.Err())
		}
	}
}

// sendRequest encodes and sends a request frame. It is the hot path of
// every request, so the frame is assembled from its encoded parts instead
// of marshalling a generic map, and an outbound check validates the
// envelope as built (params is not described by the schema).
func (s *session) sendRequest(id string, req Request) error {
	params, user := req.Params, req.User
	if params == nil {
		params = map[string]any{}
	}
	if user == nil {
		user = &DefaultUser
	}
	paramsJSON, err := json.Marshal(params)
	if err != nil {
		return err
	}
	userJSON, err := json.Marshal(user)
	if err != nil {
		return err
	}
	idJSON, _ := json.Marshal(id)
	actionJSON, _ := json.Marshal(req.Action)
	line := make([]byte, 0, len(paramsJSON)+len(userJSON)+len(idJSON)+len(actionJSON)+80)
	line = append(line, `{"type":"request","id":`...)
	line = append(line, idJSON...)
	line = append(line, `,"action":`...)
	line = append(line, actionJSON...)
	line = append(line, `,"params":`...)
	line = append(line, paramsJSON...)
	line = append(line, `,"user":`...)
	line = append(line, userJSON...)
	if req.SessionID != "" {
		sid, _ := json.Marshal(req.SessionID)
		line = append(line, `,"session_id":`...)
		line = append(line, sid...)
	}
	line = append(line, '}')
	if s.rt.opts.CheckOutbound {
		s.checkEnvelope(requestEnvelope(id, req, user))
	}
	s.asked(wire.TypeRequest, id)
	return s.sendChecked(wire.TypeRequest, id, line, func() []byte {
		b, _ := json.Marshal(map[string]any{"type": wire.TypeRequest, "id": id, "action": req.Action})
		return b
	}, false)
}

// requestEnvelope is the request frame as plain JSON values, for the
// outbound check; params stands in unchanged since the schema leaves it open.
func requestEnvelope(id string, req Request, user *User) map[string]any {
	var avatar any
	if user.AvatarURL != nil {
		avatar = *user.AvatarURL
	}
	f := map[string]any{
		"type": wire.TypeRequest, "id": id, "action": req.Action, "params": req.Params,
		"user": map[string]any{"id": user.ID, "displayName": user.DisplayName, "avatarUrl": avatar, "role": user.Role},
	}
	if req.SessionID != "" {
		f["session_id"] = req.SessionID
	}
	return f
}

// timeoutRequest fails a request whose time ran out (REQ-5).
func (p *Plugin) timeoutRequest(pr *pendingRequest) {
	r := Response{ID: pr.id, Error: wire.Errorf(wire.CodeTimeout, "no response within the request timeout of %v", p.rt.opts.Timing.RequestTimeout)}
	if s := p.current(); s != nil && s.settle(pr.id, r) {
		s.mu.Lock()
		s.timedOut[pr.id] = true
		s.mu.Unlock()
		p.rt.decide(p.Slug(), "timeout", "REQ-5", "request "+pr.id+" timed out", nil)
		return
	}
	select {
	case pr.done <- r:
	default:
	}
}

// register adds pr to the session's pending requests, unless it has
// already been settled (timed out while held).
func (s *session) register(pr *pendingRequest) (Response, bool) {
	select {
	case r := <-pr.done:
		return r, true
	default:
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending[pr.id] = pr
	return Response{}, false
}

// settle completes a pending request; it reports whether one was waiting.
func (s *session) settle(id string, r Response) bool {
	s.mu.Lock()
	pr, ok := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if ok {
		pr.done <- r
	}
	return ok
}

// onResponse correlates a plugin response with its request (ENV-8, ENV-9).
func (s *session) onResponse(f frameIn) {
	r := Response{ID: f.id}
	if e, ok := f.obj["error"]; ok {
		r.Error = decodeWireError(e)
	} else if res, ok := f.obj["result"]; ok {
		r.Result, _ = json.Marshal(res)
	} else {
		r.Result = json.RawMessage("null")
	}
	if s.settle(f.id, r) {
		return
	}
	s.mu.Lock()
	late, abandoned := s.timedOut[f.id], s.abandoned[f.id]
	s.mu.Unlock()
	if abandoned {
		s.rt.decide(s.p.Slug(), "notice", "ENV-9", fmt.Sprintf("response %q to a request its caller abandoned", f.id), nil)
		return
	}
	if typ := s.answeredNotification(f.id); typ != "" && !late {
		s.violation("NOTE-2", fmt.Sprintf("response %q answers no request; the newest frame the plugin was sent is the notification %s, which is never answered", f.id, typ), map[string]any{"frame_seq": f.seq, "notification": typ})
		return
	}
	if typ := s.answeredUnknownFrame(f.id); typ != "" && !s.p.issuedRequestID(f.id) {
		s.violation("ENV-4", fmt.Sprintf("response %q answers the frame of unknown type %q sent under that id, which the plugin must ignore", f.id, typ), map[string]any{"frame_seq": f.seq, "frame_type": typ})
		return
	}
	detail := fmt.Sprintf("response %q answers no request awaiting one", f.id)
	if late {
		detail = fmt.Sprintf("response %q arrived after its request timed out", f.id)
	}
	s.violation("ENV-8", detail, map[string]any{"frame_seq": f.seq})
}

// issuedRequestID reports whether id is one this runtime gave a request
// of this plugin: "req-N" with N up to the newest.
func (p *Plugin) issuedRequestID(id string) bool {
	n, ok := strings.CutPrefix(id, "req-")
	if !ok {
		return false
	}
	v, err := strconv.ParseUint(n, 10, 64)
	if err != nil || strconv.FormatUint(v, 10) != n {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return v >= 1 && v <= p.nextRequestID
}

// failPending answers every waiting request with PLUGIN_UNAVAILABLE after
// the process is gone (LIFE-14).
func (s *session) failPending() {
	s.mu.Lock()
	pending := s.pending
	s.pending = map[string]*pendingRequest{}
	s.mu.Unlock()
	for id, pr := range pending {
		pr.done <- Response{ID: id, Error: wire.Errorf(wire.CodePluginUnavailable, "the plugin process exited before answering")}
	}
}

func decodeWireError(v any) *wire.Error {
	raw, _ := json.Marshal(v)
	var e wire.Error
	if json.Unmarshal(raw, &e) != nil || e.Code == "" {
		return &wire.Error{Code: wire.CodeInternal, Message: string(raw)}
	}
	return &e
}
