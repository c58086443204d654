package schemas_test

import (
	"errors"

	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/schemas"
)

// decode decodes a JSON text the way validators expect it.
func decode(text string) any {
	v, err := schemas.Decode([]byte(text))
	Expect(err).NotTo(HaveOccurred(), text)
	return v
}

// asSchemaError returns err as a *schemas.Error, failing when it is not one.
func asSchemaError(err error) *schemas.Error {
	var e *schemas.Error
	Expect(errors.As(err, &e)).To(BeTrue(), "want a *schemas.Error, got %v", err)
	return e
}

// matchFields matches a schemas.Error's exported fields against want,
// ignoring the validator's error it unwraps to.
func matchFields(want schemas.Error) OmegaMatcher {
	return WithTransform(func(e schemas.Error) schemas.Error {
		return schemas.Error{
			Direction: e.Direction, Kind: e.Kind, FrameType: e.FrameType, Pointer: e.Pointer,
			SchemaLocation: e.SchemaLocation, Rule: e.Rule, Message: e.Message,
		}
	}, Equal(want))
}
