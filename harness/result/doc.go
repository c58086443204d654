// Package result holds the plain values a run produces and reporters
// consume: the Verdict and Result of one scenario, its Failure, the Source
// position they point at, the Outcome and Summary of a whole run, the
// baseline problems it found and the exit codes of the commands.
//
// Every type here is a plain value: safe to read from many goroutines once
// built, and built by one goroutine (Summary.Add is not safe for
// concurrent use).
//
// Result is the bottom of the harness: it must not import any other
// package of conform — not the engine, not the steps, not mockruntime.
package result
