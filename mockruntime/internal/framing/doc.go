// Package framing is the byte level of a plugin's pipes: LineReader splits
// stdout and stderr into lines within the 4 MiB cap (FRAME-8, FRAME-9),
// Classify tells frames from log lines (FRAME-2), and Writer owns stdin,
// writing each frame whole with its newline from a bounded queue that
// never blocks its callers (FRAME-3, FRAME-25).
//
// It knows nothing of plugins, JSON, services or scenarios.
//
// # Concurrency
//
// A LineReader is not safe for concurrent use: one reader goroutine owns
// it. A Writer's Enqueue, CloseInput and Abort may be called from any
// goroutine.
//
// # Imports
//
// The standard library and mockruntime/wire (the frame prefix). It must
// not import mockruntime or any other package of this module.
package framing
