package service

import (
	"slices"
	"sort"
)

// Registry is the dispatch table of service calls, keyed by name. The
// first registration of a name fixes the capability its calls need: the
// runtime registers its built-in services first, so a service registered
// later under a built-in name replaces how calls are served but never what
// they need (CAP-1). Register is not safe for concurrent use: the runtime
// fills its registry before any plugin starts. Lookup and Names are safe
// for concurrent use once registration is over.
type Registry struct {
	byName map[string]Service
}

// NewRegistry returns a registry holding services, registered in order.
func NewRegistry(services ...Service) *Registry {
	r := &Registry{byName: map[string]Service{}}
	r.Register(services...)
	return r
}

// Register adds each service, or replaces the one registered under its
// name, keeping that one's capability.
func (r *Registry) Register(services ...Service) {
	for _, s := range services {
		if old, ok := r.byName[s.Name()]; ok {
			s = pinned{Service: s, capability: old.Capability}
		}
		r.byName[s.Name()] = s
	}
}

// Lookup returns the service registered under name.
func (r *Registry) Lookup(name string) (Service, bool) {
	s, ok := r.byName[name]
	return s, ok
}

// Names returns every registered name, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for name := range r.byName {
		names = append(names, name)
	}
	sort.Strings(names)
	return slices.Clip(names)
}

// pinned is a replacement that keeps the capability of the service it
// replaced.
type pinned struct {
	Service
	capability CapabilityFunc
}

func (p pinned) Capability(c *Call) string { return p.capability(c) }
