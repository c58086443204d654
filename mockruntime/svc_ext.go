package mockruntime

import (
	"context"
	"sync"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// PlatformAnswer decides the result of a platform call of §9.12 from its
// params (numbers in params are json.Number). An error carrying a
// *wire.Error is sent as that error; any other becomes INTERNAL.
type PlatformAnswer func(params map[string]any) (any, error)

// platformService is a §9.12 service: capability-checked, then answered by
// whatever the host configured for it (EXT-1).
func platformService(capability string) service {
	return service{capability: fixed(capability), run: platformCall}
}

// platformCall serves a §9.12 call with the host's answer, or UNAVAILABLE
// when the host configured none (EXT-1).
func platformCall(_ context.Context, c *call) (any, error) {
	answer := c.s.rt.hub.answers.get(c.Type)
	if answer == nil {
		return nil, wire.Errorf(wire.CodeUnavailable, "no backend is configured to answer %s", c.Type)
	}
	return answer(c.Params)
}

// answerTable holds the host's answers to platform calls, by service type.
// Safe for concurrent use.
type answerTable struct {
	mu     sync.Mutex
	byType map[string]PlatformAnswer
}

func (t *answerTable) get(serviceType string) PlatformAnswer {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.byType[serviceType]
}

func (t *answerTable) set(serviceType string, answer PlatformAnswer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byType == nil {
		t.byType = map[string]PlatformAnswer{}
	}
	if answer == nil {
		delete(t.byType, serviceType)
		return
	}
	t.byType[serviceType] = answer
}
