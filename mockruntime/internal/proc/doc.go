// Package proc starts plugin processes and ends them: each process runs in
// its own process group with fresh pipes, is started from one spawner
// thread so that it dies with the runtime (Linux parent-death signal), and
// is signalled as a group.
//
// It knows nothing of plugins, frames, services or scenarios: it is given
// an argv, a folder and an environment, and hands back the host ends of
// the pipes.
//
// # Concurrency
//
// Start is safe for concurrent use. A *Process is owned by whoever started
// it: only that owner calls Wait, and each pipe end has one owner (the
// stdin writer, the stdout reader, the stderr reader). SignalGroup,
// GroupKilled and GroupAlive may be called from any goroutine.
//
// # Imports
//
// Only the standard library. It must not import any package of this
// module: mockruntime and everything else build on it, never the other way.
package proc
