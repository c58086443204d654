// Package report writes what a run did: the console lines and summary,
// the failure details, and the JSON, JUnit XML and Markdown reports, all
// from a result.Outcome, plus reading a JSON report back (ReadReport,
// FailedInReport).
//
// A Console is used by one goroutine at a time (the run's printing
// loop); the Write* functions are safe for concurrent use on different
// paths.
//
// Reporters consume plain result values only: report may import result,
// internal/words, and of the rest of conform only internal/jsonpos,
// internal/inputfile and schemas. It must not import the engine, the steps,
// scenario loading, plan, mockruntime or the root harness package.
package report
