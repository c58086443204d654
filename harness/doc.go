// Package harness is the entry point cmd/conform and library users call:
// Run (`conform run`), Replay, List, Validate, Selftest, UpdateBaseline
// and Execute. It also keeps, as aliases, every exported name that moved
// into the packages below when the harness was split by concern, so code
// written against harness.X keeps compiling.
//
// The packages, lowest first; each imports only packages listed before it:
//
//	result            plain result values: Verdict, Result, Outcome, exit codes
//	internal/words    small text helpers
//	internal/render   evidence formatting for failure messages
//	report            console, JSON, JUnit, Markdown and detail reporters
//	scenario          the scenario model, loading, variables
//	baseline          baseline files: load, judge, update
//	validate          document and frame validation
//	steps             the step kinds, their table, and the Env they run in
//	engine            Execute: prepare, run the steps, judge
//	plan              which scenarios run: load, select, shard, rerun, list
//	selftest          `conform selftest`
//
// Run may be called concurrently with itself when its writers and files
// allow it; Execute is safe for concurrent use.
package harness
