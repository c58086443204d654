package schemas

import "fmt"

// Direction says which way a frame travels.
type Direction uint8

// The two directions of the protocol.
const (
	FromPlugin Direction = iota + 1 // plugin → runtime (stdout, IPC: lines)
	ToPlugin                        // runtime → plugin (stdin)
)

// String returns "from plugin" or "to plugin".
func (d Direction) String() string {
	switch d {
	case FromPlugin:
		return "from plugin"
	case ToPlugin:
		return "to plugin"
	}
	return fmt.Sprintf("Direction(%d)", uint8(d))
}

// ValidateFrame checks one decoded frame (see Decode) travelling in dir,
// dispatching on its "type" to that type's schema (FRAME-21). A frame that
// is not an object, or has no string type, fails the envelope (FRAME-19,
// ENV-1). From the plugin, a type that is not a lifecycle frame, response or
// event.ack is a service call and is checked against the service-call
// envelope only; its params are ValidateParams' job. Toward the plugin, a
// type without a schema only needs the envelope (ENV-4). A failure is an
// *Error. Safe for concurrent use.
func ValidateFrame(dir Direction, frame any) error {
	r, err := schemasOnce()
	if err != nil {
		return err
	}
	if r.frames[dir] == nil {
		return fmt.Errorf("schemas: %w for %v", ErrNoSchema, dir)
	}
	typ, ok := asObject(frame)["type"].(string)
	if !ok {
		return r.check(r.envelope, frame, subject{direction: dir})
	}
	s, ok := r.frames[dir][typ]
	if !ok {
		s = r.fallback[dir]
	}
	return r.check(s, frame, subject{direction: dir, frameType: typ, serviceCall: !ok && dir == FromPlugin})
}

// IsFrameType reports whether typ has a schema of its own in dir: a
// lifecycle frame, response or event.ack from the plugin, or a frame of
// runtime/ toward it. Service calls are not frame types; see IsService.
// Safe for concurrent use.
func IsFrameType(dir Direction, typ string) bool {
	r, err := schemasOnce()
	if err != nil {
		return false
	}
	_, ok := r.frames[dir][typ]
	return ok
}
