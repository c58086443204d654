// Package services is the parent of the runtime's built-in services, one
// package per concern; it holds no code. Each package serves the calls of
// its part of CONFORMANCE.md §9 and §10 through mockruntime/service, keeps
// the state those calls share (runtime-wide, or per plugin), and offers the
// runtime the methods its host API needs.
//
// Rules every package below follows:
//
//   - It imports mockruntime/service, mockruntime/manifest, mockruntime/wire,
//     mockruntime/clock and the internal packages it is built on
//     (internal/sqlstore, internal/bus, internal/atomicfile), never
//     mockruntime itself nor another service package.
//   - It checks no capability: the runtime does that before Serve, for
//     every service (CAP-1).
//   - Every exported method is safe for concurrent use unless its doc says
//     otherwise; handlers run on the goroutine of their call (ENV-12).
package services
