// Package proc starts plugin processes and ends them: each process runs in
// a group of its own with fresh pipes and is signalled as a group. What a
// group is depends on the OS, behind one small interface (group.go): a
// POSIX process group on Linux and macOS (on Linux started from one
// spawner thread so that it dies with the runtime, by parent-death
// signal), a Job object on Windows.
//
// Every process is started with a tag in its environment (tag.go) that its
// descendants inherit. After the main process is reaped, Settle kills what
// is left of the group and the processes that left it (setsid, double
// fork), found by their tag where the OS allows: on Linux the runtime is a
// child subreaper (Init), so those are re-parented to it and it reaps
// them. A ledger per runtime process (ledger.go) lets the next start sweep
// what a runtime killed with SIGKILL left behind.
//
// It knows nothing of plugins, frames, services or scenarios: it is given
// an argv, a folder and an environment, and hands back the host ends of
// the pipes.
//
// # Concurrency
//
// Start is safe for concurrent use. A *Process is owned by whoever started
// it: only that owner calls Wait, and each pipe end has one owner (the
// stdin writer, the stdout reader, the stderr reader). Wait, then Settle,
// are the owner's; SignalGroup, GroupKilled and GroupAlive may be called
// from any goroutine.
//
// # Imports
//
// The standard library and golang.org/x/sys (unix on macOS, windows on
// Windows). It must not import any package of this module: mockruntime and
// everything else build on it, never the other way.
package proc
