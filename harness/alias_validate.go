package harness

import (
	"context"
	"io"

	"github.com/conform-dev/conform/harness/validate"
)

// The names below moved to package validate; they stay here so library users keep compiling.

const DirectionAuto = validate.DirectionAuto
const DirectionPlugin = validate.DirectionPlugin
const DirectionRuntime = validate.DirectionRuntime

type Issue = validate.Issue

// Validate checks documents and frames (`conform validate`); see
// validate.Validate.
func Validate(ctx context.Context, cfg ValidateConfig, stdout, stderr io.Writer) int {
	return validate.Validate(ctx, cfg, stdout, stderr)
}

const ValidateBaselines = validate.ValidateBaselines

type ValidateConfig = validate.ValidateConfig

const ValidateFrames = validate.ValidateFrames
const ValidateManifests = validate.ValidateManifests
const ValidateReports = validate.ValidateReports
const ValidateScenarios = validate.ValidateScenarios
const ValidateTranscripts = validate.ValidateTranscripts
