package mockruntime

import (
	"context"
	"net/url"
	"strings"
	"sync"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// FetchResponse is the answer to an http.fetch (§9.9). An HTTP error status
// is still a successful call (HTTP-2). A plain value.
type FetchResponse struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// FetchRequest is one http.fetch a plugin was allowed to make. A plain
// value.
type FetchRequest struct {
	Plugin  string
	Method  string
	URL     string
	Headers map[string]string
	Body    string
}

// fetchCapability is http.fetch:<host> for the URL's host (HTTP-1). The
// params schema only guarantees an http or https URL with something after
// "//"; a URL Go cannot parse, or without a host name, needs no capability
// here because httpFetch refuses it with INVALID_PARAMS, keeping the order
// of calls.go: the params first, then the capability.
func fetchCapability(c *call) string {
	host, ok := fetchHost(stringParam(c.Params, "url"))
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

// httpFetch serves http.fetch from the answers the host set: nothing ever
// leaves the runtime, and a URL without an answer cannot be reached
// (NETWORK_ERROR, HTTP-2).
func httpFetch(_ context.Context, c *call) (any, error) {
	rawURL := stringParam(c.Params, "url")
	if _, ok := fetchHost(rawURL); !ok {
		return nil, wire.Errorf(wire.CodeInvalidParams, "%q is not an http or https URL with a host", rawURL).With("pointer", "/params/url")
	}
	req := FetchRequest{Plugin: c.p.Slug(), Method: stringParam(c.Params, "method"), URL: rawURL, Body: stringParam(c.Params, "body")}
	if req.Method == "" {
		req.Method = "GET"
	}
	if h, ok := c.Params["headers"].(map[string]any); ok {
		req.Headers = make(map[string]string, len(h))
		for k, v := range h {
			req.Headers[k], _ = v.(string)
		}
	}
	r, ok := c.s.rt.hub.fetches.answer(req)
	if !ok {
		return nil, wire.Errorf(wire.CodeNetworkError, "%s %s cannot be reached: the host set no answer for it", req.Method, rawURL).With("url", rawURL)
	}
	return r, nil
}

// fetchTable holds the host's canned answers, keyed by method and exact
// URL, and the requests plugins made. Safe for concurrent use.
type fetchTable struct {
	mu      sync.Mutex
	answers map[string]FetchResponse
	made    []FetchRequest
}

func fetchKey(method, rawURL string) string { return method + " " + rawURL }

func (t *fetchTable) set(method, rawURL string, r FetchResponse) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.answers == nil {
		t.answers = map[string]FetchResponse{}
	}
	t.answers[fetchKey(method, rawURL)] = r
}

// answer records req and returns its canned answer, if any.
func (t *fetchTable) answer(req FetchRequest) (FetchResponse, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.made = append(t.made, req)
	r, ok := t.answers[fetchKey(req.Method, req.URL)]
	return r, ok
}

func (t *fetchTable) requests() []FetchRequest {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]FetchRequest(nil), t.made...)
}
