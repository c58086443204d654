// Package fetch serves http.fetch (CONFORMANCE.md §9.9). It checks the URL,
// records every request that got this far (the host reads them with
// Runtime.Fetches) and asks a service.Fetcher; the built-in one, Canned,
// answers from the responses the host set and nothing ever leaves the
// runtime.
//
// Every method is safe for concurrent use. The package imports
// mockruntime/service and mockruntime/wire; it must not import mockruntime
// or another service package.
package fetch
