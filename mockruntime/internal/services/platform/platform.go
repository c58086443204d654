package platform

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Areas of §9.12, as named in Backends.
const (
	Resources   = "resources"
	Voice       = "voice"
	Permissions = "permissions"
	Core        = "core"
)

// areaOf maps each platform service to its area.
var areaOf = map[string]string{
	"resources.get": Resources, "resources.list": Resources,
	"voice.tokens": Voice, "voice.moderation": Voice,
	"permissions.check":    Permissions,
	"core.users.get":       Core,
	"core.categories.list": Core,
}

// Types returns the platform services, sorted.
func Types() []string {
	types := make([]string, 0, len(areaOf))
	for t := range areaOf {
		types = append(types, t)
	}
	slices.Sort(types)
	return types
}

// Backends are the backends of the areas; a nil one is the built-in
// answer table.
type Backends struct {
	Resources, Voice, Permissions, Core service.Platform
}

// Answer decides the result of a platform call from its params (numbers
// are json.Number). An error carrying a *wire.Error is sent as that
// error; any other becomes INTERNAL.
type Answer func(params map[string]any) (any, error)

// Platform serves the platform calls. Safe for concurrent use.
type Platform struct {
	byArea map[string]service.Platform // the backend of each area
	table  *Table                      // the built-in backend
}

// New returns the platform services over b.
func New(b Backends) *Platform {
	p := &Platform{table: &Table{}, byArea: map[string]service.Platform{}}
	for area, backend := range map[string]service.Platform{Resources: b.Resources, Voice: b.Voice, Permissions: b.Permissions, Core: b.Core} {
		if backend == nil {
			backend = p.table
		}
		p.byArea[area] = backend
	}
	return p
}

// Serve answers a platform call with its area's backend (EXT-1).
func (p *Platform) Serve(ctx context.Context, c *service.Call) (any, error) {
	return p.byArea[areaOf[c.Type]].Answer(ctx, c)
}

// SetAnswer makes answer decide the results of later calls of serviceType
// in the built-in backend; nil removes it. It fails for a type that is not
// a platform service (UNKNOWN_SERVICE) and for one whose area the host
// gave its own backend.
func (p *Platform) SetAnswer(serviceType string, answer Answer) error {
	area, ok := areaOf[serviceType]
	if !ok {
		return wire.Errorf(wire.CodeUnknownService, "%q is not a platform service of §9.12", serviceType)
	}
	if p.byArea[area] != service.Platform(p.table) {
		return fmt.Errorf("%s is answered by the %s backend set in Options; SetAnswer sets answers of the built-in one only", serviceType, area)
	}
	p.table.set(serviceType, answer)
	return nil
}

// Table is the built-in service.Platform: the host's answers, by service
// type. Safe for concurrent use.
type Table struct {
	mu     sync.Mutex
	byType map[string]Answer
}

// Answer serves c with the host's answer, or UNAVAILABLE when the host set
// none (EXT-1).
func (t *Table) Answer(_ context.Context, c *service.Call) (any, error) {
	answer := t.get(c.Type)
	if answer == nil {
		return nil, wire.Errorf(wire.CodeUnavailable, "no backend is configured to answer %s", c.Type)
	}
	return answer(c.Params)
}

func (t *Table) get(serviceType string) Answer {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.byType[serviceType]
}

func (t *Table) set(serviceType string, answer Answer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byType == nil {
		t.byType = map[string]Answer{}
	}
	if answer == nil {
		delete(t.byType, serviceType)
		return
	}
	t.byType[serviceType] = answer
}
