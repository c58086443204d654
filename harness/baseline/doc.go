// Package baseline reads, checks and judges baseline files (the known
// failures a run expects, each with a reason and an expiry) and writes
// updated ones from a JSON report (the `conform baseline` command).
//
// A loaded Baseline is read-only and safe for concurrent use; Judge and
// Problems are pure functions of their arguments.
//
// It may import result, report (to read a JSON report), scenario (for the
// YAML source positions), internal/inputfile and schemas. It must not import engine, steps,
// plan, validate, selftest, mockruntime or the root harness package.
package baseline
