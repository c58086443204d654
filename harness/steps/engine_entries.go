package steps

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"syscall"

	"github.com/conform-dev/conform/mockruntime"
)

// isFrame matches frame entries of a direction and type.
func isFrame(dir, typ string) func(mockruntime.Entry) bool {
	return func(e mockruntime.Entry) bool {
		return e.Kind == mockruntime.KindFrame && e.Dir == dir && e.FrameType() == typ
	}
}

// isDecision matches decisions of one name about one plugin.
func IsDecision(slug, decision string) func(mockruntime.Entry) bool {
	return func(e mockruntime.Entry) bool {
		return e.Kind == mockruntime.KindDecision && e.Decision == decision && e.Plugin == slug
	}
}

// decodeFrame returns a frame entry's frame as generic JSON, numbers kept
// exact.
func decodeFrame(e mockruntime.Entry) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(e.Frame))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("transcript entry #%d holds no JSON frame: %w", e.Seq, err)
	}
	return v, nil
}

// notRunning turns a host call refused for want of a process into a step
// failure: the plugin is not there to act on, which the scenario did not
// expect. The runtime says so with mockruntime.ErrNotRunning, also for a
// process that is still being reaped but no longer takes frames (it crashed
// or exited); any other error is a fault of conform.
func (e *Env) notRunning(err error) error {
	if !errors.Is(err, mockruntime.ErrNotRunning) && !errors.Is(err, syscall.EPIPE) {
		return err
	}
	return &StepFailure{Message: "the plugin has no running process: " + err.Error(), Expected: "a running plugin", Got: e.Plugin.State().String()}
}
