package harness

import "github.com/conform-dev/conform/harness/validate"

// The names below moved to package validate; they stay here so library users keep compiling.

const DirectionAuto = validate.DirectionAuto
const DirectionPlugin = validate.DirectionPlugin
const DirectionRuntime = validate.DirectionRuntime

type Issue = validate.Issue

var Validate = validate.Validate

const ValidateBaselines = validate.ValidateBaselines

type ValidateConfig = validate.ValidateConfig

const ValidateFrames = validate.ValidateFrames
const ValidateManifests = validate.ValidateManifests
const ValidateReports = validate.ValidateReports
const ValidateScenarios = validate.ValidateScenarios
const ValidateTranscripts = validate.ValidateTranscripts
