// Package plan decides which scenarios run: it loads the built-in, shared
// and each plugin's own scenarios, checks the run's inputs, selects by
// profile, focus, skip, labels, shard and a previous report's failures,
// pairs each scenario with its plugin into jobs (PreparePlan), and answers
// `conform list` (List, Coverage).
//
// A Plan is built by one goroutine and read-only afterwards; List is safe
// for concurrent use when its writers are.
//
// It may import engine (for Target and Executor), scenario, baseline,
// report (to read a previous JSON report), result, internal/words,
// internal/inputfile,
// mockruntime, suites and the conform package (the rules). It must not import selftest or the root
// harness package.
package plan
