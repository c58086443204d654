// Package broadcast serves broadcast.toAll, broadcast.toUsers and
// broadcast.toUser (CONFORMANCE.md §9.6): each event is recorded, named in
// the sender's namespace, as delivered to the simulated clients, in a Log
// the host reads.
//
// Every method of *Log is safe for concurrent use. The package imports
// mockruntime/service only; it must not import mockruntime or another
// service package.
package broadcast
