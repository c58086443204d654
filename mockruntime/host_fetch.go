package mockruntime

import (
	"maps"
	"strings"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// FetchResponse is the answer to an http.fetch (§9.9). An HTTP error status
// is still a successful call (HTTP-2). A plain value.
type FetchResponse = service.FetchResponse

// FetchRequest is one http.fetch a plugin was allowed to make. A plain
// value.
type FetchRequest = service.FetchRequest

// SetFetchResponse sets the answer to http.fetch calls of method (empty
// means GET) and exactly url (§9.9): the runtime never uses the network, so
// a call without an answer fails with NETWORK_ERROR. A later answer for the
// same method and URL replaces the earlier. Status must be 100 to 599.
// The answers belong to the built-in fetch backend: with Options.Fetch set,
// SetFetchResponse fails. Safe for concurrent use.
func (rt *Runtime) SetFetchResponse(method, url string, r FetchResponse) error {
	if r.Status < 100 || r.Status > 599 {
		return wire.Errorf(wire.CodeInvalidParams, "status %d is not an HTTP status", r.Status)
	}
	if method == "" {
		method = "GET"
	}
	r.Headers = maps.Clone(r.Headers)
	if r.Headers == nil {
		r.Headers = map[string]string{}
	}
	return rt.hub.fetches.SetAnswer(strings.ToUpper(method), url, r)
}

// Fetches returns every http.fetch that passed its capability and params
// checks, answered or not, oldest first; a denied call never appears
// (HTTP-1). Safe for concurrent use.
func (rt *Runtime) Fetches() []FetchRequest { return rt.hub.fetches.Requests() }
