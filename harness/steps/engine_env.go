package steps

import (
	"fmt"
	"sync"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/clock"
)

// Defaults of the real-time bounds a scenario may leave out, before
// --timeout-scale.
const (
	DefaultWithin = 2 * time.Second // expect_*, request, await, stop
	// DefaultReadyWithin bounds start's wait for ready on a quiet machine;
	// on a loaded one the machine gauge stretches it up to
	// MaxReadyWithin, the handshake timeout LIFE-5 gives the plugin.
	DefaultReadyWithin = 2 * time.Second
	MaxReadyWithin     = 10 * time.Second
	DefaultWindow      = 250 * time.Millisecond // expect_no_frame
	DefaultTimeout     = 30 * time.Second       // a whole scenario
	TeardownTimeout    = time.Second            // closing the runtime after the steps
)

// The load gauge: a plugin that takes longer than nominalReady from spawn
// to ready tells that the machine (or the plugin's start) is slow, and
// every later real-time bound of the scenario stretches by the same
// factor, up to maxLoad. So a correct plugin passes on a loaded machine
// without --timeout-scale, and only failing runs pay for the slack.
const (
	nominalReady = 250 * time.Millisecond
	maxLoad      = 8.0
)

// Env is what the steps of one running scenario share: the runtime on its
// fake clock, the plugin under test, the variables, and where expectations
// stand (the cursor, claimed violations and exits, requests in flight).
// Step operations take it as their second argument, so Go tests can run
// them directly against a runtime of their own. An Env is used by one
// goroutine, the one running the steps; only the requests sent with
// wait: false run on goroutines of their own, and they hand their
// responses over through channels.
type Env struct {
	Runtime *mockruntime.Runtime
	Clock   *clock.Fake
	Plugin  *mockruntime.Plugin
	Vars    *scenario.Vars
	// Scale multiplies every real-time bound (within, window, sleep); 0 means 1.
	Scale float64
	// Testee says the plugin is a testee (§15, the sdk profile): it has the
	// call action, which blame may use to ask the SDK directly.
	Testee bool

	// Fatal, when set, tells a violation that fails the scenario whatever
	// its later steps see; the steps that wait for something expected then
	// stop waiting once one is recorded (doomed). Set by the engine before
	// the steps and cleared after them; nil means every wait runs its
	// course.
	Fatal func(mockruntime.Entry) bool

	doomScan  *scanner           // the search for a Fatal violation
	doomedBy  *mockruntime.Entry // the first Fatal violation found
	cut       bool               // a wait ended early for doomedBy
	load      float64            // the load gauge, >= 1 once measured; 0 means 1
	Watch     *watchedClock      // the runtime's clock when Execute built it; nil otherwise
	cursor    int64              // the newest frame matched by expect_frame or expect_delivery
	marks     map[string]int64   // name -> the newest entry when the step that saved it began (after: NAME)
	ExitsSeen int                // exits already claimed by expect_exit
	claimed   map[string]bool
	pending   map[string]*asyncRequest
	inFlight  sync.WaitGroup
}

// NewEnv returns the environment of a scenario run against plugin p of rt,
// whose clock must be c. Its cursor starts at the transcript's newest entry.
// Execute gives its runtime a clock that also reports its timers, which
// lets advance see that the runtime has handled a pong before it moves
// past the ping's deadline; with a plain clock.Fake, as here, advance
// cannot, and a step right after a pong may rarely see it counted missed.
func NewEnv(rt *mockruntime.Runtime, c *clock.Fake, p *mockruntime.Plugin) *Env {
	return &Env{
		Runtime: rt, Clock: c, Plugin: p, Vars: scenario.NewVars(p.Slug()), Scale: 1,
		cursor:  rt.Transcript().LastSeq(),
		claimed: map[string]bool{},
		pending: map[string]*asyncRequest{},
		marks:   map[string]int64{},
	}
}

// mark remembers where the step that saved names began.
func (e *Env) mark(names []string, began int64) {
	for _, n := range names {
		e.marks[n] = began
	}
}

// searchFrom is where a frame search starts: after the cursor, or with
// after, from the scenario's first entry ("start") or from where the step
// that saved the name began.
func (e *Env) searchFrom(after string) int64 {
	switch {
	case after == "":
		return e.cursor
	case after == scenario.StartName:
		return 0
	}
	return e.marks[after]
}

// Scaled applies the timeout scale and the load gauges to a real-time
// bound: the scenario's (its plugin's spawn-to-ready time) and the
// machine's (the slowest of the last starts of any plugin in this
// process), so a loaded machine stretches every bound, not only the
// handshake's.
func (e *Env) Scaled(d time.Duration) time.Duration {
	f := 1.0
	if e.Scale > 0 {
		f = e.Scale
	}
	// the slower of the scenario's own gauge and the machine's
	f *= max(e.load, machine.factor(), 1)
	return time.Duration(float64(d) * f)
}

// ScaledForMachine applies scale (0 means 1) and the machine's load gauge
// to a real-time bound, for a bound set before a scenario's plugin has
// started (the runtime's SQL deadline). Safe for concurrent use.
func ScaledForMachine(d time.Duration, scale float64) time.Duration {
	if scale <= 0 {
		scale = 1
	}
	return time.Duration(float64(d) * scale * max(machine.factor(), 1))
}

// noteReadyTime feeds the scenario's load gauge, which only grows, and
// the machine's, with how long the plugin took from spawn to ready.
func (e *Env) noteReadyTime(d time.Duration) {
	l := min(float64(d)/float64(nominalReady), maxLoad)
	e.load = max(e.load, l)
	machine.note(d)
}

// readyBound is the real-time bound of a wait for ready that names none:
// DefaultReadyWithin stretched by the machine gauge (how long plugins
// took to become ready in the last starts of this process, whatever their
// scenario), at most MaxReadyWithin. A plugin that never becomes ready
// costs 2 s on a quiet machine, and a correct one is not failed on a
// loaded one. Before any plugin of this process became ready, the bound
// is MaxReadyWithin.
func readyBound() time.Duration {
	if !machine.measured() {
		return MaxReadyWithin // nothing to go by yet: the rule's own bound
	}
	return min(time.Duration(float64(DefaultReadyWithin)*machine.factor()), MaxReadyWithin)
}

// machine is the process-wide load gauge.
var machine = &machineGauge{}

// machineGauge keeps the last spawn-to-ready times of this process. Safe
// for concurrent use: every scenario running in parallel feeds it.
type machineGauge struct {
	mu    sync.Mutex
	times [32]time.Duration
	n     int
}

func (g *machineGauge) note(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.times[g.n%len(g.times)] = d
	g.n++
}

func (g *machineGauge) measured() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n > 0
}

// factor is the slowest recent ready time over nominalReady, between 1
// and maxLoad.
func (g *machineGauge) factor() float64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	var slowest time.Duration
	for _, d := range g.times[:min(g.n, len(g.times))] {
		slowest = max(slowest, d)
	}
	return max(1, min(float64(slowest)/float64(nominalReady), maxLoad))
}

// transcript is the runtime's transcript.
func (e *Env) Transcript() *mockruntime.Transcript { return e.Runtime.Transcript() }

// moveCursor advances the cursor to a frame a step matched; it never moves
// back.
func (e *Env) moveCursor(seq int64) { e.cursor = max(e.cursor, seq) }

// Cursor returns the sequence number after which expect_frame searches.
func (e *Env) Cursor() int64 { return e.cursor }

// plugin returns the plugin a step names: the one under test for "", else
// a plugin loaded by load_plugin or the plugin under test by its slug.
func (e *Env) plugin(slug string) (*mockruntime.Plugin, error) {
	if slug == "" || slug == e.Plugin.Slug() {
		return e.Plugin, nil
	}
	if p := e.Runtime.Plugin(slug); p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("no plugin %q is loaded", slug)
}

// claimedRule reports whether an expect_violation step claimed rule.
func (e *Env) ClaimedRule(rule string) bool { return e.claimed[rule] }

// wait waits for the requests sent with wait: false that are still in
// flight; their contexts end with the scenario's.
func (e *Env) Wait() { e.inFlight.Wait() }
