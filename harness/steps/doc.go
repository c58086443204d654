// Package steps holds every step kind a scenario can use, one file each
// (step_<kind>.go), the table that maps a kind to its argument parser and
// its function (step.go), and Env, the running scenario's view of its
// runtime, plugin and fake clock that every step works through
// (engine_env.go, engine_wait.go, engine_clock.go, engine_entries.go).
//
// Its init registers the argument parser of every kind with
// scenario.RegisterStepParser. RunStep and the step functions run on the
// scenario's goroutine, one step at a time; an Env is not safe for
// concurrent use except where a method says so (requests it starts in
// the background finish through its WaitGroup).
//
// It may import scenario, validate (expect_transcript_valid),
// internal/render, mockruntime and schemas. It must not import engine,
// plan, report, baseline, selftest or the root harness package.
package steps
