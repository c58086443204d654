package steps

import (
	"fmt"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// hostOutcome judges the error of a host call (publish, set_setting) that
// the scenario expects to succeed (refused empty) or to be refused with
// the error code refused. A call refused when it should not be is a fault
// of conform or of the scenario; a call the runtime accepts, or refuses
// with another code, when the scenario expects a refusal, fails the step:
// the runtime broke the rule behind the refusal.
func hostOutcome(what string, err error, refused string) error {
	switch {
	case refused == "" && err != nil:
		return fmt.Errorf("%s: %w", what, err)
	case refused == "":
		return nil
	case err == nil:
		return &StepFailure{Message: what + " was accepted", Expected: "refused with " + refused, Got: "accepted"}
	case wire.CodeOf(err) != refused:
		return &StepFailure{Message: what + " was refused with another code", Expected: "refused with " + refused, Got: err.Error()}
	}
	return nil
}
