// Package engine runs one scenario: it prepares a fresh runtime, clock
// and plugin (engine_prepare.go), runs the steps in order through
// steps.RunStep (engine_steps.go), tears down, and judges the verdict
// from the steps and the violations the runtime recorded
// (engine_judge.go). Execute and Applies are the entry points.
//
// Execute is safe for concurrent use: each call has a runtime of its own.
//
// It may import steps, scenario, result, internal/render, mockruntime and
// the conform package (the rules).
// It must not import plan, report, baseline, validate, selftest or the
// root harness package.
package engine
