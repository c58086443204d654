package mockruntime

import (
	"context"
	"path/filepath"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
	"github.com/conform-dev/conform/mockruntime/internal/services/broadcast"
	"github.com/conform-dev/conform/mockruntime/internal/services/data"
	"github.com/conform-dev/conform/mockruntime/internal/services/events"
	"github.com/conform-dev/conform/mockruntime/internal/services/fetch"
	"github.com/conform-dev/conform/mockruntime/internal/services/platform"
	"github.com/conform-dev/conform/mockruntime/internal/services/presence"
	"github.com/conform-dev/conform/mockruntime/internal/services/schedule"
	"github.com/conform-dev/conform/mockruntime/internal/services/settings"
	"github.com/conform-dev/conform/mockruntime/service"
)

// hub holds the services shared by every plugin of a runtime: the event
// bus, the state of each built-in service and the dispatch table. It is
// set up by New and read-only after; each field is safe for concurrent
// use.
type hub struct {
	bus        *bus.Bus
	data       *data.Stores
	events     *events.Events
	settings   settings.Store
	broadcasts broadcast.Log
	presence   *presence.Hub
	fetches    *fetch.Fetch
	schedules  *schedule.Table
	platform   *platform.Platform
	services   *service.Registry
}

func (h *hub) open(rt *Runtime) error {
	t, o := rt.opts.Timing, rt.opts
	b, err := bus.Open(bus.Config{
		Path:        filepath.Join(rt.dataDir, "bus.db"),
		Clock:       rt.clock,
		Observer:    rt.observeBus,
		Published:   rt.published.add,
		AckDeadline: t.AckDeadline,
		BackoffBase: t.RedeliveryBase,
		BackoffMax:  t.RedeliveryMax,
		MaxAttempts: t.MaxAttempts,
	})
	if err != nil {
		return err
	}
	h.bus = b
	h.data = data.New(o.Store, o.KV, o.SQLCallTime)
	h.events = events.New(b)
	h.presence = presence.New(rt.host, func(ctx context.Context, topic string, payload any) (string, error) {
		return rt.publish(ctx, bus.RuntimeSource, topic, payload)
	})
	h.fetches = fetch.New(o.Fetch)
	h.schedules = schedule.New(rt.clock)
	h.platform = platform.New(platform.Backends{Resources: o.Resources, Voice: o.Voice, Permissions: o.Permissions, Core: o.Core})
	h.services = service.NewRegistry(h.builtins()...)
	h.services.Register(o.Services...)
	return nil
}

func (h *hub) close() error {
	h.presence.Stop()
	h.schedules.Stop()
	return h.bus.Close()
}

// add makes a newly loaded plugin known to the services that keep state
// per plugin.
func (h *hub) add(p *Plugin) { h.data.Attach(p.handle) }

// unload forgets everything of a plugin that must not outlive it (EVT-25)
// and closes its databases.
func (h *hub) unload(p *Plugin) error {
	_ = h.bus.Remove(context.Background(), p.Slug())
	h.presence.Unload(p.handle)
	h.schedules.Unload(p.handle)
	return h.data.Detach(p.handle)
}

// observeBus turns the bus's decisions into transcript entries.
func (rt *Runtime) observeBus(r bus.Report) {
	data := map[string]any{"subscription": r.Pattern}
	if r.EventID != "" {
		data["event_id"] = r.EventID
	}
	if r.Attempt > 0 {
		data["attempt"] = r.Attempt
	}
	rt.decide(r.Subscriber, string(r.Kind), r.Rule, r.Detail, data)
}
