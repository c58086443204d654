// Package presence serves presence.join, update, leave, watch, unwatch and
// list (CONFORMANCE.md §9.7): the scoped presence of client sessions, kept
// per plugin under <slug>.<scope> (PRES-1), and watches that send
// presence.changed to the process that made them (PRES-5). Changes are
// published on the bus as the runtime (PRES-7) through the publish
// function the runtime gives New; the host's Connect and Disconnect use
// RemoveSession and Publish.
//
// Every method of *Hub is safe for concurrent use. Clock callbacks (the
// coalescing windows) take the hub's lock; Notify and Decide are called
// with it held, which they allow since neither calls back into the hub.
// The package imports mockruntime/service, mockruntime/clock,
// mockruntime/wire and internal/bus (for the runtime's source name); it
// must not import mockruntime or another service package.
package presence
