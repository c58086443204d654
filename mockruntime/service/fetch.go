package service

import "context"

// Fetcher is the backend of http.fetch (§9.9). The built-in one answers
// from the responses the host set with Runtime.SetFetchResponse and fails
// every other URL with NETWORK_ERROR: nothing leaves the runtime.
//
// The runtime calls Fetch only for a call that passed its params, its
// capability (HTTP-1) and the URL check, and records every such request
// (Runtime.Fetches) before asking. Fetch may be called concurrently.
type Fetcher interface {
	// Fetch answers req. An HTTP error status is a successful call
	// (HTTP-2); an error is sent as its *wire.Error (NETWORK_ERROR for a
	// URL that cannot be reached), any other as INTERNAL. A Status
	// outside 100..599 is sent as INTERNAL; nil Headers as {}.
	Fetch(ctx context.Context, req FetchRequest) (FetchResponse, error)
}

// FetchRequest is one http.fetch a plugin was allowed to make. A plain
// value.
type FetchRequest struct {
	Plugin  string // the caller's slug
	Method  string // GET when the call named none
	URL     string
	Headers map[string]string
	Body    string
}

// FetchResponse is the answer to an http.fetch. A plain value.
type FetchResponse struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}
