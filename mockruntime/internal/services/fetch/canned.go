package fetch

import (
	"context"
	"sync"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Canned is the built-in service.Fetcher: answers the host set, keyed by
// method and exact URL; any other request cannot be reached
// (NETWORK_ERROR, HTTP-2). The zero value answers nothing; safe for
// concurrent use.
type Canned struct {
	mu      sync.Mutex
	answers map[string]service.FetchResponse
}

func cannedKey(method, rawURL string) string { return method + " " + rawURL }

// Set makes r the answer to method and exactly rawURL, replacing an
// earlier one.
func (t *Canned) Set(method, rawURL string, r service.FetchResponse) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.answers == nil {
		t.answers = map[string]service.FetchResponse{}
	}
	t.answers[cannedKey(method, rawURL)] = r
}

// Fetch returns the answer set for req, or NETWORK_ERROR.
func (t *Canned) Fetch(_ context.Context, req service.FetchRequest) (service.FetchResponse, error) {
	t.mu.Lock()
	r, ok := t.answers[cannedKey(req.Method, req.URL)]
	t.mu.Unlock()
	if !ok {
		return service.FetchResponse{}, wire.Errorf(wire.CodeNetworkError, "%s %s cannot be reached: the host set no answer for it", req.Method, req.URL).With("url", req.URL)
	}
	return r, nil
}
