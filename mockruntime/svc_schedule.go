package mockruntime

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// scheduleRegister serves schedule.register: registering a name again
// replaces its interval, restarts its period and keeps its schedule_id
// (SCHED-1). The params schema holds interval_ms to at least 1,000.
func scheduleRegister(_ context.Context, c *call) (any, error) {
	interval := time.Duration(intParam(c.Params, "interval_ms")) * time.Millisecond
	id := c.s.rt.hub.schedules.register(c.p, stringParam(c.Params, "name"), interval)
	return map[string]string{"schedule_id": id}, nil
}

// scheduleCancel serves schedule.cancel; an id that names none of the
// plugin's schedules is NOT_FOUND.
func scheduleCancel(_ context.Context, c *call) (any, error) {
	return nil, c.s.rt.hub.schedules.cancel(c.p, stringParam(c.Params, "schedule_id"))
}

// scheduleTable holds every plugin's schedules and fires each every
// interval of the runtime's clock (TIME-1).
//
// A schedule belongs to the plugin, not to one of its processes: it
// outlives a restart, so a process that registers its schedules again at
// boot keeps their ids (SCHED-1), and a firing that falls while the plugin
// is not running is dropped and recorded (NOTE-1). Schedules are kept in
// memory only, not in the data folder: LIFE-16 does not count them as
// durable state. Unloading the plugin removes them. Safe for concurrent use.
type scheduleTable struct {
	mu       sync.Mutex
	byPlugin map[*Plugin]map[string]*schedule // plugin → name → schedule
	next     int
	closed   bool
}

// schedule is one registered schedule.
type schedule struct {
	id       string
	name     string
	p        *Plugin
	interval time.Duration
	timer    clock.Timer
	gen      int // counts armings, so a timer replaced while firing does nothing
}

func (t *scheduleTable) register(p *Plugin, name string, interval time.Duration) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byPlugin == nil {
		t.byPlugin = map[*Plugin]map[string]*schedule{}
	}
	if t.byPlugin[p] == nil {
		t.byPlugin[p] = map[string]*schedule{}
	}
	sch := t.byPlugin[p][name]
	if sch == nil {
		t.next++
		sch = &schedule{id: fmt.Sprintf("schedule-%d", t.next), name: name, p: p}
		t.byPlugin[p][name] = sch
	}
	sch.interval = interval
	t.armLocked(sch)
	return sch.id
}

// armLocked (re)starts a schedule's period from now.
func (t *scheduleTable) armLocked(sch *schedule) {
	sch.stopTimer()
	if t.closed {
		return
	}
	sch.gen++
	gen := sch.gen
	sch.timer = sch.p.rt.clock.AfterFunc(sch.interval, func() { t.due(sch, gen) })
}

// due fires a schedule whose period ended and starts the next period.
func (t *scheduleTable) due(sch *schedule, gen int) {
	t.mu.Lock()
	current := sch.gen == gen && t.byPlugin[sch.p][sch.name] == sch
	if current {
		t.armLocked(sch)
	}
	t.mu.Unlock()
	if current {
		_ = sch.fire()
	}
}

// fire sends schedule.fired to the plugin's process.
func (sch *schedule) fire() error {
	return sch.p.notify(map[string]any{
		"type": wire.TypeScheduleFired, "schedule_id": sch.id, "name": sch.name,
		"ts": clock.Millis(sch.p.rt.clock.Now()),
	})
}

// stopTimer cancels the schedule's next firing, if one is pending.
func (sch *schedule) stopTimer() {
	if sch.timer != nil {
		sch.timer.Stop()
	}
}

func (t *scheduleTable) cancel(p *Plugin, id string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	for name, sch := range t.byPlugin[p] {
		if sch.id == id {
			sch.stopTimer()
			delete(t.byPlugin[p], name)
			return nil
		}
	}
	return wire.Errorf(wire.CodeNotFound, "no schedule %q", id).With("schedule_id", id)
}

// lookup returns p's schedule called name.
func (t *scheduleTable) lookup(p *Plugin, name string) (*schedule, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	sch, ok := t.byPlugin[p][name]
	return sch, ok
}

// unload removes a plugin's schedules.
func (t *scheduleTable) unload(p *Plugin) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, sch := range t.byPlugin[p] {
		sch.stopTimer()
	}
	delete(t.byPlugin, p)
}

// stop cancels every schedule's next firing, for good, when the runtime
// closes.
func (t *scheduleTable) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	for _, byName := range t.byPlugin {
		for _, sch := range byName {
			sch.stopTimer()
		}
	}
}
