package schedule

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Register serves schedule.register: registering a name again replaces its
// interval, restarts its period and keeps its schedule_id (SCHED-1). The
// params schema holds interval_ms to at least 1,000.
func (t *Table) Register(_ context.Context, c *service.Call) (any, error) {
	interval := time.Duration(service.IntParam(c.Params, "interval_ms")) * time.Millisecond
	id := t.register(c.Plugin, service.StringParam(c.Params, "name"), interval)
	return map[string]string{"schedule_id": id}, nil
}

// Cancel serves schedule.cancel; an id that names none of the plugin's
// schedules is NOT_FOUND.
func (t *Table) Cancel(_ context.Context, c *service.Call) (any, error) {
	return nil, t.cancel(c.Plugin, service.StringParam(c.Params, "schedule_id"))
}

// Table holds every plugin's schedules and fires each every interval of
// the runtime's clock (TIME-1).
//
// A schedule belongs to the plugin, not to one of its processes: it
// outlives a restart, so a process that registers its schedules again at
// boot keeps their ids (SCHED-1), and a firing that falls while the plugin
// is not running is dropped and recorded (NOTE-1). Schedules are kept in
// memory only, not in the data folder: LIFE-16 does not count them as
// durable state. Unloading the plugin removes them. Safe for concurrent use.
type Table struct {
	clock    clock.Clock
	mu       sync.Mutex
	byPlugin map[service.Plugin]map[string]*schedule // plugin → name → schedule
	next     int
	closed   bool
}

// New returns an empty table on clk.
func New(clk clock.Clock) *Table { return &Table{clock: clk} }

// schedule is one registered schedule.
type schedule struct {
	id       string
	name     string
	p        service.Plugin
	interval time.Duration
	timer    clock.Timer
	gen      int // counts armings, so a timer replaced while firing does nothing
}

func (t *Table) register(p service.Plugin, name string, interval time.Duration) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byPlugin == nil {
		t.byPlugin = map[service.Plugin]map[string]*schedule{}
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
func (t *Table) armLocked(sch *schedule) { t.armAfterLocked(sch, sch.interval) }

func (t *Table) armAfterLocked(sch *schedule, d time.Duration) {
	sch.stopTimer()
	if t.closed {
		return
	}
	sch.gen++
	gen := sch.gen
	sch.timer = t.clock.AfterFunc(d, func() { t.due(sch, gen) })
}

// due fires a schedule whose period ended and starts the next period. On a
// clock that moves in steps (clock.Stepper) a schedule fires at most once
// per step (SCHED-4): the periods a step skips are coalesced into the one
// firing, and the next period is the first of the schedule's that ends
// after the step.
func (t *Table) due(sch *schedule, gen int) {
	t.mu.Lock()
	current := sch.gen == gen && t.byPlugin[sch.p][sch.name] == sch
	if current {
		t.armAfterLocked(sch, t.nextPeriod(sch.interval))
	}
	t.mu.Unlock()
	if current {
		_ = t.fire(sch)
	}
}

// nextPeriod returns how long from now the schedule's next firing is: one
// interval, or on a stepping clock the first multiple of it that ends after
// the step in progress.
func (t *Table) nextPeriod(interval time.Duration) time.Duration {
	st, ok := t.clock.(clock.Stepper)
	if !ok || interval <= 0 {
		return max(interval, time.Millisecond)
	}
	end, stepping := st.StepEnd()
	if !stepping {
		return interval
	}
	left := end.Sub(t.clock.Now())
	if left < interval {
		return interval
	}
	return (left/interval + 1) * interval
}

// fire sends schedule.fired to the plugin's process.
func (t *Table) fire(sch *schedule) error {
	return sch.p.Notify(map[string]any{
		"type": wire.TypeScheduleFired, "schedule_id": sch.id, "name": sch.name,
		"ts": clock.Millis(t.clock.Now()),
	})
}

// stopTimer cancels the schedule's next firing, if one is pending.
func (sch *schedule) stopTimer() {
	if sch.timer != nil {
		sch.timer.Stop()
	}
}

func (t *Table) cancel(p service.Plugin, id string) error {
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

// Fire sends schedule.fired for p's schedule called name at once, as if it
// fell due; its period is not changed. An unknown name is NOT_FOUND; the
// error of a plugin that is not running is Notify's.
func (t *Table) Fire(p service.Plugin, name string) error {
	t.mu.Lock()
	sch, ok := t.byPlugin[p][name]
	t.mu.Unlock()
	if !ok {
		return wire.Errorf(wire.CodeNotFound, "plugin %s has no schedule %q", p.Slug(), name)
	}
	return t.fire(sch)
}

// Names returns the names of p's registered schedules, sorted. Safe for
// concurrent use.
func (t *Table) Names(p service.Plugin) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	names := make([]string, 0, len(t.byPlugin[p]))
	for name := range t.byPlugin[p] {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Unload removes a plugin's schedules.
func (t *Table) Unload(p service.Plugin) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, sch := range t.byPlugin[p] {
		sch.stopTimer()
	}
	delete(t.byPlugin, p)
}

// Stop cancels every schedule's next firing, for good, when the runtime
// closes.
func (t *Table) Stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	for _, byName := range t.byPlugin {
		for _, sch := range byName {
			sch.stopTimer()
		}
	}
}
