// Package events serves events.publish, events.subscribe and
// events.unsubscribe (CONFORMANCE.md §10.2) on the runtime's durable bus.
// Deliveries and the plugin's acks of them are the runtime's, not a
// service's: they are frames of a process, not calls.
//
// Every method is safe for concurrent use. The package imports
// mockruntime/service, mockruntime/wire and internal/bus; it must not
// import mockruntime or another service package.
package events
