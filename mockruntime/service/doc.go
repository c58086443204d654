// Package service defines what a service of the reference runtime is, so
// that the built-in services and a host's own are registered, checked and
// called the same way.
//
// A Service has a name (the frame type a plugin calls, such as "data.kv"),
// the capability a call needs, which may depend on its params, and a
// handler. The runtime looks the type of every service call up in a
// Registry, validates its params against the service's schema, checks the
// capability against the manifest (CAP-1, recorded in the capability report
// and as a deny decision), and only then calls Serve with a Call: the
// validated params, the calling plugin and process, and the few host
// facilities a handler needs. The result, or the error as an error
// envelope, is sent back by the runtime.
//
// Most built-in services keep their state in a backend a host may replace
// through mockruntime.Options: Store and KVStore (data.sql, data.read,
// data.kv), Fetcher (http.fetch) and Platform (resources, voice,
// permissions, core). Backends only answer; the checks stay in the runtime,
// so a replaced backend or service cannot skip them.
//
// # Concurrency
//
// Service calls run on their own goroutines (ENV-12): Serve, Capability and
// every backend method may be called concurrently, from many plugins at
// once, and must be safe for that. A Registry is filled before the runtime
// starts and only read after.
//
// # Imports
//
// This package imports mockruntime/clock, mockruntime/manifest and
// mockruntime/wire only. It must not import mockruntime (which imports it)
// or any internal package.
package service
