package scenario

// StepParser parses the arguments of one step kind into their Go type.
type StepParser func(raw any, pc ParseContext) (any, error)

// stepParsers holds the parser of every step kind, keyed by kind. The step
// package registers one per kind from its init, before any scenario loads;
// read-only afterwards.
var stepParsers = map[string]StepParser{}

// RegisterStepParser makes the loader parse the arguments of steps of kind
// with p. Called from package initialisation only; not safe for concurrent
// use with loading.
func RegisterStepParser(kind string, p StepParser) { stepParsers[kind] = p }
