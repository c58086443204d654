// Package conformtest runs a plugin's YAML scenarios as Go subtests, one per
// scenario id, so a plugin author's `go test` runs them beside the Go tests
// and `go test -run 'TestConform/channels.create-and-list'` runs one:
//
//	func TestConform(t *testing.T) {
//		conformtest.Run(t, "..", conformtest.Options{})
//	}
//
// Each subtest runs its scenario in a fresh reference runtime, as `conform
// run` does, and fails with the same details: the rule, expected against
// got, the last frames and stderr lines. The plugin's build step runs once
// per test binary.
//
// It may import the harness packages it drives (engine, plan, report,
// result, scenario, steps) and mockruntime. Run is called from the test's
// goroutine; subtests run one after another unless Options.Parallel.
package conformtest
