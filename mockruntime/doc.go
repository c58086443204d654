// Package mockruntime is the reference plugin runtime of CONFORMANCE.md:
// the host side of the protocol, for conform's harness and for Go tests
// that start a plugin, send it requests, play clients and read what
// happened.
//
// It owns the Runtime (plugins by slug, the data folder, the transcript,
// the services shared by every plugin), each Plugin (its manifest, its
// durable state, its lifecycle and restart policy) and each process's
// session: the handshake, the watchdog, requests, the inbound dispatch of
// frames, the outbound queue, and the checks every service call passes
// before it is served (params schema, CAP-1 capability check, capability
// report, deny decision). The host API for tests (host_*.go) plays
// clients, admins and the platform around the plugins.
//
// # Layout
//
//   - mockruntime/service: the Service interface, the Call handed to
//     handlers, the Registry and the backend interfaces a host may replace
//     through Options (Store, KVStore, Fetcher, Platform).
//   - mockruntime/manifest: manifests; this package re-exports its names.
//   - internal/services/...: the built-in services, one package per
//     concern, registered in one table (services.go).
//   - internal/proc, internal/framing, internal/build: processes, pipes
//     and lines, build steps; they know nothing of plugins or services.
//   - internal/bus, internal/sqlstore: the durable event bus and the
//     SQLite store behind the built-in services.
//   - mockruntime/wire, mockruntime/clock, mockruntime/match: the
//     protocol's vocabulary, the clock, Gomega matchers.
//
// # Concurrency
//
// Every exported method of Runtime, Plugin, Transcript and LogBuffer is
// safe for concurrent use unless its doc says otherwise (Runtime.Advance
// is not safe to call concurrently with itself). Per process, one reader
// goroutine owns stdout and one writer goroutine owns stdin; each service
// call runs on its own goroutine (ENV-12); every timer runs on
// Options.Clock. Close stops every plugin, bounded by its context.
//
// # Imports
//
// This package may import everything under mockruntime/ and schemas; no
// package under mockruntime/ may import it except match (and tests).
// harness and cmd build on it, never the other way.
package mockruntime
