package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/mockruntime"
)

// FetchResponseArgs are the arguments of fetch_response.
type FetchResponseArgs struct {
	Method  string            `json:"method"` // default GET
	URL     string            `json:"url"`
	Status  int               `json:"status"` // default 200
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// FetchResponse sets the canned answer to the plugin's http.fetch of a
// method and URL; the runtime never uses the network, and a fetch without
// an answer fails with NETWORK_ERROR (HTTP-2).
func FetchResponse(_ context.Context, env *Env, a FetchResponseArgs) error {
	status := a.Status
	if status == 0 {
		status = 200
	}
	r := mockruntime.FetchResponse{Status: status, Headers: a.Headers, Body: a.Body}
	if err := env.Runtime.SetFetchResponse(a.Method, a.URL, r); err != nil {
		return fmt.Errorf("setting the answer to %s: %w", a.URL, err)
	}
	return nil
}
