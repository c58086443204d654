// Package build runs the build steps of plugins: a command in a folder,
// its combined output kept for the error message, and Once, which runs
// each distinct step at most once and remembers its outcome (LIFE-2).
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
// Only the standard library; it must not import any package of this
// module.
package build
