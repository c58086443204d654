package mockruntime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/conform-dev/conform/mockruntime/internal/framing"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
	"github.com/conform-dev/conform/schemas"
)

// errTooLarge is a frame the runtime refuses to send (FRAME-10).
var errTooLarge = errors.New("the frame would exceed the 4,194,304-byte cap")

// send encodes frame, records it and queues it for the plugin's stdin. A
// plugin whose queue is full is not reading: it is killed (FRAME-25).
// Callable from any goroutine.
func (s *session) send(frame map[string]any) error { return s.sendFrame(frame, false) }

// sendAnswer is send for an answer to one of the plugin's own calls, which
// waits for room in the queue while the plugin reads (FRAME-25). Callable
// from any goroutine that may block: a service call's.
func (s *session) sendAnswer(frame map[string]any) error { return s.sendFrame(frame, true) }

func (s *session) sendFrame(frame map[string]any, answer bool) error {
	line, err := json.Marshal(frame)
	if err != nil {
		return fmt.Errorf("encoding a %v frame: %w", frame["type"], err)
	}
	typ, _ := frame["type"].(string)
	id, _ := frame["id"].(string)
	return s.sendLine(typ, id, line, func() []byte { return envelopeOf(frame)() }, answer)
}

// sendLine queues an encoded frame (without newline).
func (s *session) sendLine(typ, id string, line []byte, envelope func() []byte, answer bool) error {
	if s.rt.opts.CheckOutbound {
		s.checkOutbound(line)
	}
	return s.sendChecked(typ, id, line, envelope, answer)
}

// sendChecked records and queues an encoded frame whose check, if any, is
// done. line must have spare capacity or is copied once to add the newline;
// the transcript shares the bytes, which are never modified after. An
// answer waits for room (FRAME-25); any other frame finding the queue full
// declares the plugin hung.
func (s *session) sendChecked(typ, id string, line []byte, envelope func() []byte, answer bool) error {
	if len(line) > wire.MaxLineBytes {
		return errTooLarge
	}
	if err := s.w.Err(); err != nil { // the process is going: record no frame it will never get
		return fmt.Errorf("%w: %w", ErrNotRunning, err)
	}
	line = append(line, '\n')
	s.rt.transcript.recordSent(s.p.Slug(), typ, id, line[:len(line)-1], envelope)
	var err error
	if answer {
		err = s.w.EnqueueWait(line, answerStall, s.ctx.Done())
	} else {
		err = s.w.Enqueue(line)
	}
	if errors.Is(err, framing.ErrWriterFull) {
		s.violation("FRAME-26", "the plugin stopped reading stdin: the queue of frames for it is full", nil)
		s.kill("hung", "FRAME-25", "killing a plugin that does not read its stdin")
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotRunning, err)
	}
	return nil
}

// checkOutbound validates a frame the runtime is about to send; a failure
// is a bug in the runtime, recorded as such.
func (s *session) checkOutbound(line []byte) {
	doc, err := schemas.Decode(line)
	if err != nil {
		s.runtimeBug(err)
		return
	}
	s.checkEnvelope(doc)
}

// checkEnvelope validates a frame given as plain JSON values.
func (s *session) checkEnvelope(frame any) {
	if err := schemas.ValidateFrame(schemas.ToPlugin, frame); err != nil {
		s.runtimeBug(err)
	}
}

func (s *session) runtimeBug(err error) {
	s.rt.decide(s.p.Slug(), "runtime_bug", "FRAME-21", "the runtime built an invalid frame: "+err.Error(), nil)
}

// answer sends the response to a service call: its result, or
// RESPONSE_TOO_LARGE when the result is over the limit (SVC-6).
func (s *session) answer(f frameIn, result any) {
	raw, err := json.Marshal(result)
	if err != nil {
		s.answerError(f, wire.Errorf(wire.CodeInternal, "encoding the result: %v", err))
		return
	}
	if len(raw) > wire.MaxResultBytes {
		s.answerError(f, service.ResultTooLarge(len(raw)))
		return
	}
	line := responseLine(f.id, raw)
	_ = s.sendLine(wire.TypeResponse, f.id, line, func() []byte {
		b, _ := json.Marshal(map[string]any{"type": wire.TypeResponse, "id": f.id})
		return b
	}, true)
}

// answerError sends an error response to a service call.
func (s *session) answerError(f frameIn, e *wire.Error) {
	_ = s.sendAnswer(map[string]any{"type": wire.TypeResponse, "id": f.id, "error": e})
}

// responseLine builds {"type":"response","id":…,"result":…} around an
// already encoded result, so a large result is encoded once.
func responseLine(id string, result []byte) []byte {
	idJSON, _ := json.Marshal(id)
	var b bytes.Buffer
	b.Grow(len(result) + len(idJSON) + 40)
	b.WriteString(`{"type":"response","id":`)
	b.Write(idJSON)
	b.WriteString(`,"result":`)
	b.Write(result)
	b.WriteByte('}')
	return b.Bytes()
}
