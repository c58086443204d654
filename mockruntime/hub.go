package mockruntime

import (
	"context"
	"path/filepath"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

// hostServices are the services shared by every plugin of a runtime: the
// event bus and the simulated platform around the plugins. Each field is
// safe for concurrent use.
type hostServices struct {
	bus        *bus.Bus
	settings   settingsStore
	broadcasts broadcastLog
	presence   presenceHub
	fetches    fetchTable
	schedules  scheduleTable
	answers    answerTable
}

func (h *hostServices) open(rt *Runtime) error {
	t := rt.opts.Timing
	b, err := bus.Open(bus.Config{
		Path:        filepath.Join(rt.dataDir, "bus.db"),
		Clock:       rt.clock,
		Observer:    rt.observeBus,
		AckDeadline: t.AckDeadline,
		BackoffBase: t.RedeliveryBase,
		BackoffMax:  t.RedeliveryMax,
		MaxAttempts: t.MaxAttempts,
	})
	if err != nil {
		return err
	}
	h.bus = b
	return nil
}

func (h *hostServices) close() error {
	h.presence.stop()
	h.schedules.stop()
	return h.bus.Close()
}

// unload forgets everything of a plugin that must not outlive it (EVT-25).
func (h *hostServices) unload(p *Plugin) {
	_ = h.bus.Remove(context.Background(), p.Slug())
	h.presence.unload(p)
	h.schedules.unload(p)
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
