// Package build runs the build steps of plugins: a command in a folder, in
// a process group of its own (package proc) with a timeout, the tail of
// its combined output kept in a bounded ring buffer for the error message,
// and Once, which runs each distinct step at most once and remembers its
// outcome (LIFE-2).
//
// It knows nothing of manifests, plugins or scenarios.
//
// # Concurrency
//
// Run and every method of *Once are safe for concurrent use; concurrent
// callers of the same step wait for the one run.
//
// # Imports
//
// The standard library and mockruntime/internal/proc only.
package build
