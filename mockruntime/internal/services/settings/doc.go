// Package settings serves settings.get and settings.getAll (CONFORMANCE.md
// §9.5) and keeps the values the host sets, per plugin, in
// <data dir>/settings.json so that they survive restarts (SET-4).
//
// Every method of *Store is safe for concurrent use: reads take no lock
// (the file is replaced atomically), changes are serialised so the file and
// the notifications sent after each change follow the order of the host's
// calls. The package imports mockruntime/service, mockruntime/manifest,
// mockruntime/wire, internal/atomicfile and internal/inputfile; it must not import mockruntime
// or another service package.
package settings
