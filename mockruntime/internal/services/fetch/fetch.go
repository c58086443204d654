package fetch

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Fetch serves http.fetch over a backend and keeps the requests plugins
// made. Safe for concurrent use.
type Fetch struct {
	backend service.Fetcher
	canned  *Canned // the built-in backend, nil when the host set its own

	mu   sync.Mutex
	made []service.FetchRequest
}

// New returns the http.fetch service over backend; nil means a Canned
// backend the host fills with SetAnswer.
func New(backend service.Fetcher) *Fetch {
	f := &Fetch{backend: backend}
	if backend == nil {
		f.canned = &Canned{}
		f.backend = f.canned
	}
	return f
}

// ErrReplaced is returned by SetAnswer when the host set its own backend.
var ErrReplaced = errors.New("http.fetch is answered by the Fetcher set in Options; SetFetchResponse sets answers of the built-in one only")

// SetAnswer sets the built-in backend's answer to method and exactly
// rawURL.
func (f *Fetch) SetAnswer(method, rawURL string, r service.FetchResponse) error {
	if f.canned == nil {
		return ErrReplaced
	}
	f.canned.Set(method, rawURL, r)
	return nil
}

// Requests returns every request made so far, oldest first.
func (f *Fetch) Requests() []service.FetchRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]service.FetchRequest(nil), f.made...)
}

// Capability is http.fetch:<host> for the URL's host (HTTP-1). The params
// schema only guarantees an http or https URL with something after "//"; a
// URL Go cannot parse, or without a host name, needs no capability here
// because Serve refuses it with INVALID_PARAMS, keeping the runtime's
// order: the params first, then the capability.
func Capability(c *service.Call) string {
	host, ok := fetchHost(service.StringParam(c.Params, "url"))
	if !ok {
		return ""
	}
	return "http.fetch:" + host
}

// fetchHost returns the lower-case host name of an http or https URL.
func fetchHost(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", false
	}
	return strings.ToLower(u.Hostname()), true
}

// Serve serves http.fetch: the request is recorded, then answered by the
// backend (HTTP-2).
func (f *Fetch) Serve(ctx context.Context, c *service.Call) (any, error) {
	rawURL := service.StringParam(c.Params, "url")
	if _, ok := fetchHost(rawURL); !ok {
		return nil, wire.Errorf(wire.CodeInvalidParams, "%q is not an http or https URL with a host", rawURL).With("pointer", "/params/url")
	}
	req := service.FetchRequest{Plugin: c.Plugin.Slug(), Method: service.StringParam(c.Params, "method"), URL: rawURL, Body: service.StringParam(c.Params, "body")}
	if req.Method == "" {
		req.Method = "GET"
	}
	if h, ok := c.Params["headers"].(map[string]any); ok {
		req.Headers = make(map[string]string, len(h))
		for k, v := range h {
			req.Headers[k], _ = v.(string)
		}
	}
	f.mu.Lock()
	f.made = append(f.made, req)
	f.mu.Unlock()
	r, err := f.backend.Fetch(ctx, req)
	if err != nil {
		return nil, err
	}
	if r.Status < 100 || r.Status > 599 {
		return nil, wire.Errorf(wire.CodeInternal, "the fetch backend answered status %d, not an HTTP status", r.Status)
	}
	if r.Headers == nil {
		r.Headers = map[string]string{}
	}
	return r, nil
}
