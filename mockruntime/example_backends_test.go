package mockruntime_test

import (
	"context"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/service"
)

// offline is a service.Fetcher: every http.fetch gets a 503.
type offline struct{}

func (offline) Fetch(_ context.Context, req service.FetchRequest) (service.FetchResponse, error) {
	return service.FetchResponse{Status: 503, Body: "offline: " + req.URL}, nil
}

// The README's "pluggable service backends" example: keep the two in step.
func ExampleOptions_backends() {
	ctx := context.Background()
	rt, err := mockruntime.New(mockruntime.Options{
		Fetch: offline{}, // nil: the answers of rt.SetFetchResponse
		// Also: Store, KV, Resources, Voice, Permissions, Core, TranscriptSink.
		Services: []service.Service{ // add a service, or replace one by name
			service.New("example.echo", service.Fixed("broadcast.clients"),
				func(_ context.Context, c *service.Call) (any, error) { return c.Params, nil }),
		},
	})
	if err != nil {
		panic(err)
	}
	defer rt.Close(ctx)
}
