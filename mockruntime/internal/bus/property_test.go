package bus_test

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

// Replay one schedule with `go test ./mockruntime/internal/bus -seed=N` or
// BUS_SEED=N; BUS_SCHEDULES=N changes how many schedules run otherwise
// (300, or 30 under the race detector).
var seedFlag = flag.Uint64("seed", 0, "replay the bus property schedule with this seed")

func propertySeeds() []uint64 {
	if *seedFlag != 0 {
		return []uint64{*seedFlag}
	}
	if s, err := strconv.ParseUint(os.Getenv("BUS_SEED"), 10, 64); err == nil {
		return []uint64{s}
	}
	n := 300
	if raceBuild {
		n = 30
	}
	if v, err := strconv.Atoi(os.Getenv("BUS_SCHEDULES")); err == nil {
		n = v
	}
	base := uint64(GinkgoRandomSeed()) * 1000
	seeds := make([]uint64, n)
	for i := range seeds {
		seeds[i] = base + uint64(i) + 1
	}
	return seeds
}

var _ = Describe("seeded schedules (property)", func() {
	It("delivers at least once, in order, within the window, across restarts", func() {
		dir := fastTempDir()
		seeds := propertySeeds()
		for _, seed := range seeds {
			err := runSchedule(seed, filepath.Join(dir, fmt.Sprintf("bus-%d.db", seed)), len(seeds) == 1)
			if err != nil {
				fmt.Fprintf(GinkgoWriter, "bus property failed with seed %d; replay with -seed=%d\n", seed, seed)
			}
			Expect(err).NotTo(HaveOccurred(), "seed %d (replay with -seed=%d or BUS_SEED=%d)", seed, seed, seed)
		}
	})
})

// The fixed world every schedule runs in.
var (
	propertyTopics = []string{"a.x", "a.y.z", "b.x", "c.q"}
	propertySubs   = map[string][]string{
		"p1": {"a.*", "b.x"},
		"p2": {"a.x", "a.y.*", "c.*"},
		"p3": {"b.*", "a.*"},
	}
	propertySubscribers = []string{"p1", "p2", "p3"}
)

// runSchedule runs one random schedule against a bus on path and checks
// the model's invariants, returning the first broken one with the tail of
// the schedule, or all of it when replaying.
func runSchedule(seed uint64, path string, replay bool) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	m := newModel(rng, path)
	err := m.run(40 + rng.IntN(120))
	if m.bus != nil {
		_ = m.bus.Close()
	}
	if err == nil {
		err = m.err
	}
	if err != nil {
		tail := m.trace
		if !replay {
			tail = tail[max(0, len(tail)-25):]
		}
		return fmt.Errorf("%w\nlast actions:\n  %s", err, strings.Join(tail, "\n  "))
	}
	return nil
}

// modelSub is what one subscription should see.
type modelSub struct {
	name        string
	subscriber  string
	pattern     string
	expected    []string
	unanswered  []bus.Delivery
	firstSeen   map[string]bool
	lastAttempt map[string]int
	lastFirst   int
	outstanding map[string]bool
	acked       map[string]bool
	dead        map[string]bool
}

// model drives a bus with a random schedule, acting as every subscriber
// (acking in the order it received deliveries) and checking every delivery.
type model struct {
	rng         *rand.Rand
	cfg         bus.Config
	clock       *clock.Fake
	bus         *bus.Bus
	opts        bus.Options
	subs        map[string]*modelSub
	alive       map[string]*modelSink
	held        map[string]bool
	gotNotice   bool
	trace       []string
	err         error
	generations int
}

// modelSink is the sink of one subscriber process.
type modelSink struct {
	m          *model
	subscriber string
	generation int
}

func (s *modelSink) Deliver(d bus.Delivery) {
	if s.m.alive[s.subscriber] != s {
		s.m.fail("delivery %s/%s to a process that is not running", d.ID, d.Subscription)
		return
	}
	s.m.delivered(s.m.subs[s.subscriber+" "+d.Subscription], d)
}

func newModel(rng *rand.Rand, path string) *model {
	m := &model{
		rng:   rng,
		clock: clock.NewFake(epoch),
		opts:  bus.Options{MaxInFlight: 1 + rng.IntN(4), MaxQueue: bus.MaxMaxQueue},
		subs:  map[string]*modelSub{},
		alive: map[string]*modelSink{},
		held:  map[string]bool{},
	}
	m.cfg = bus.Config{Path: path, Clock: m.clock, Observer: m.observe, MaxAttempts: 2 + rng.IntN(4)}
	for subscriber, patterns := range propertySubs {
		for _, p := range patterns {
			m.subs[subscriber+" "+p] = &modelSub{
				name: subscriber + " " + p, subscriber: subscriber, pattern: p,
				firstSeen: map[string]bool{}, lastAttempt: map[string]int{},
				outstanding: map[string]bool{}, acked: map[string]bool{}, dead: map[string]bool{},
			}
		}
	}
	return m
}

func (m *model) fail(format string, args ...any) {
	if m.err == nil {
		m.err = fmt.Errorf(format, args...)
	}
}

func (m *model) note(format string, args ...any) {
	m.trace = append(m.trace, fmt.Sprintf(format, args...))
}

// run opens the bus, starts every subscriber, runs steps random actions,
// then lets every subscriber ack everything and checks the outcome.
func (m *model) run(steps int) error {
	m.note("max_in_flight %d, max_attempts %d", m.opts.MaxInFlight, m.cfg.MaxAttempts)
	if err := m.open(); err != nil {
		return err
	}
	for _, name := range propertySubscribers {
		if err := m.startSubscriber(name); err != nil {
			return err
		}
	}
	for i := 0; i < steps && m.err == nil; i++ {
		if err := m.step(); err != nil {
			return err
		}
	}
	if m.err != nil {
		return m.err
	}
	if err := m.settleAll(); err != nil {
		return err
	}
	return m.checkOutcome()
}

func (m *model) open() error {
	b, err := bus.Open(m.cfg)
	m.bus = b
	return err
}

// step runs one random action.
func (m *model) step() error {
	switch r := m.rng.IntN(100); {
	case r < 30:
		return m.publish(propertyTopics[m.rng.IntN(len(propertyTopics))])
	case r < 65:
		return m.answerOne(m.rng.IntN(5) > 0)
	case r < 80:
		d := []time.Duration{500 * time.Millisecond, time.Second, 5 * time.Second, 31 * time.Second}[m.rng.IntN(4)]
		m.note("advance %s", d)
		m.clock.Advance(d)
	case r < 84:
		return m.crashSubscriber(propertySubscribers[m.rng.IntN(len(propertySubscribers))])
	case r < 87:
		return m.toggleHold(propertySubscribers[m.rng.IntN(len(propertySubscribers))])
	case r < 89:
		ms := m.sortedSubs()[m.rng.IntN(len(m.subs))]
		m.note("host redelivers %s", ms.name)
		return m.bus.Redeliver(ms.subscriber, ms.pattern)
	case r < 98:
		name := propertySubscribers[m.rng.IntN(len(propertySubscribers))]
		if m.alive[name] == nil {
			return m.startSubscriber(name)
		}
	default:
		return m.restartRuntime()
	}
	return nil
}

func (m *model) publish(topic string) error {
	id, err := m.bus.Publish(ctx, bus.Event{Topic: topic, Source: "model"})
	if err != nil {
		return fmt.Errorf("publishing: %w", err)
	}
	m.note("publish %s %s", topic, id)
	for _, ms := range m.subs {
		if bus.Matches(ms.pattern, topic) {
			ms.expected = append(ms.expected, id)
		}
	}
	return nil
}

// answerOne makes a random running subscriber answer the oldest delivery of
// one of its subscriptions.
func (m *model) answerOne(ok bool) error {
	var candidates []*modelSub
	for _, ms := range m.sortedSubs() {
		if m.alive[ms.subscriber] != nil && len(ms.unanswered) > 0 {
			candidates = append(candidates, ms)
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	ms := candidates[m.rng.IntN(len(candidates))]
	d := ms.unanswered[0]
	ms.unanswered = ms.unanswered[1:]
	return m.answer(ms, d, ok)
}

func (m *model) answer(ms *modelSub, d bus.Delivery, ok bool) error {
	m.note("%s %s attempt %d: ok=%v", ms.name, d.ID, d.Attempt, ok)
	m.gotNotice = false
	if ok {
		// The ack frees the slot before Ack returns: the next delivery
		// may arrive during the call. An ack answered with a notice was
		// for an event settled earlier, so it held no slot either.
		delete(ms.outstanding, d.ID)
	}
	if err := m.bus.Ack(ms.subscriber, ms.pattern, d.ID, ok, "HANDLER_FAILED"); err != nil {
		return fmt.Errorf("acking: %w", err)
	}
	if !ok || m.gotNotice {
		return nil
	}
	if ms.acked[d.ID] || ms.dead[d.ID] {
		m.fail("%s: %s settled twice", ms.name, d.ID)
	}
	ms.acked[d.ID] = true
	return nil
}

func (m *model) crashSubscriber(name string) error {
	if m.alive[name] == nil {
		return nil
	}
	m.note("crash %s", name)
	delete(m.alive, name)
	for _, ms := range m.subs {
		if ms.subscriber == name {
			ms.unanswered = nil
		}
	}
	return m.bus.Detach(name)
}

func (m *model) startSubscriber(name string) error {
	m.generations++
	s := &modelSink{m: m, subscriber: name, generation: m.generations}
	m.alive[name] = s
	m.note("start %s (process %d)", name, s.generation)
	if err := m.bus.Attach(name, s); err != nil {
		return err
	}
	for _, p := range propertySubs[name] {
		if err := m.bus.Subscribe(ctx, name, p, m.opts); err != nil {
			return fmt.Errorf("subscribing %s to %s: %w", name, p, err)
		}
	}
	return nil
}

// toggleHold pauses or resumes a subscriber from the host.
func (m *model) toggleHold(name string) error {
	if m.held[name] {
		m.note("host resumes %s", name)
		delete(m.held, name)
		return m.bus.Resume(name)
	}
	m.note("host pauses %s", name)
	m.held[name] = true
	return m.bus.Pause(name)
}

func (m *model) restartRuntime() error {
	m.note("restart runtime")
	if err := m.bus.Close(); err != nil {
		return fmt.Errorf("closing: %w", err)
	}
	for _, name := range propertySubscribers {
		delete(m.alive, name)
		delete(m.held, name)
	}
	for _, ms := range m.subs {
		ms.unanswered = nil
	}
	return m.open()
}

func (m *model) observe(r bus.Report) {
	ms := m.subs[r.Subscriber+" "+r.Pattern]
	switch r.Kind {
	case bus.ReportNotice:
		m.gotNotice = true
	case bus.ReportViolation:
		m.fail("%s: unexpected violation %s: %s", r.Subscriber, r.Rule, r.Detail)
	case bus.ReportDeadLetter:
		m.note("dead letter %s %s", ms.name, r.EventID)
		if ms.acked[r.EventID] || ms.dead[r.EventID] {
			m.fail("%s: %s dead-lettered after it was settled", ms.name, r.EventID)
		}
		ms.dead[r.EventID] = true
		delete(ms.outstanding, r.EventID)
	case bus.ReportDrop, bus.ReportUnhealthy:
		m.fail("%s: unexpected %s under mark_unhealthy with room", ms.name, r.Kind)
	}
}

// delivered checks one delivery against the model.
func (m *model) delivered(ms *modelSub, d bus.Delivery) {
	seq, _ := strconv.Atoi(strings.TrimPrefix(d.ID, "evt_"))
	switch {
	case d.Attempt < 1 || d.Attempt > m.cfg.MaxAttempts:
		m.fail("%s: %s delivered with attempt %d of %d", ms.name, d.ID, d.Attempt, m.cfg.MaxAttempts)
	case d.Attempt == 1 && ms.firstSeen[d.ID]:
		m.fail("%s: %s delivered twice with attempt 1", ms.name, d.ID)
	case d.Attempt == 1 && seq <= ms.lastFirst:
		m.fail("%s: first delivery of %s after evt_%d", ms.name, d.ID, ms.lastFirst)
	case d.Attempt > 1 && !ms.firstSeen[d.ID]:
		m.fail("%s: %s redelivered (attempt %d) before any first delivery", ms.name, d.ID, d.Attempt)
	case d.Attempt <= ms.lastAttempt[d.ID]:
		m.fail("%s: %s attempt %d after attempt %d", ms.name, d.ID, d.Attempt, ms.lastAttempt[d.ID])
	case ms.acked[d.ID] || ms.dead[d.ID]:
		m.fail("%s: %s delivered after it was settled", ms.name, d.ID)
	}
	if d.Attempt == 1 {
		ms.firstSeen[d.ID] = true
		ms.lastFirst = seq
	}
	ms.lastAttempt[d.ID] = d.Attempt
	ms.outstanding[d.ID] = true
	if len(ms.outstanding) > m.opts.MaxInFlight {
		m.fail("%s: %d events in flight, max_in_flight %d", ms.name, len(ms.outstanding), m.opts.MaxInFlight)
	}
	ms.unanswered = append(ms.unanswered, d)
}

// settleAll starts every subscriber and lets them ack everything, moving
// the clock on, until nothing is pending.
func (m *model) settleAll() error {
	m.note("settle")
	for _, name := range propertySubscribers {
		if m.held[name] {
			if err := m.toggleHold(name); err != nil {
				return err
			}
		}
		if m.alive[name] == nil {
			if err := m.startSubscriber(name); err != nil {
				return err
			}
		}
	}
	for round := 0; round < 50 && m.err == nil; round++ {
		if m.pendingTotal() == 0 {
			return nil
		}
		for _, ms := range m.sortedSubs() {
			for len(ms.unanswered) > 0 && m.err == nil {
				d := ms.unanswered[0]
				ms.unanswered = ms.unanswered[1:]
				if err := m.answer(ms, d, true); err != nil {
					return err
				}
			}
		}
		m.clock.Advance(31 * time.Second)
	}
	if m.err != nil {
		return m.err
	}
	return errors.New("events still pending after 50 rounds of acks")
}

func (m *model) pendingTotal() int {
	n := 0
	for _, name := range propertySubscribers {
		for _, st := range m.bus.Subscriptions(name) {
			n += st.QueueLen
		}
	}
	return n
}

// checkOutcome: every expected event was settled exactly once, by an ack or
// a dead letter, and the bus agrees about the dead letters.
func (m *model) checkOutcome() error {
	for _, ms := range m.sortedSubs() {
		for _, id := range ms.expected {
			if ms.acked[id] == ms.dead[id] {
				return fmt.Errorf("%s: %s acked=%v dead-lettered=%v", ms.name, id, ms.acked[id], ms.dead[id])
			}
		}
		st, _ := m.bus.State(ms.subscriber, ms.pattern)
		if len(st.DeadLetters) != len(ms.dead) {
			return fmt.Errorf("%s: bus has dead letters %v, model %v", ms.name, st.DeadLetters, ms.dead)
		}
		if len(ms.acked)+len(ms.dead) != len(ms.expected) {
			return fmt.Errorf("%s: %d settled, %d expected", ms.name, len(ms.acked)+len(ms.dead), len(ms.expected))
		}
	}
	return nil
}

func (m *model) sortedSubs() []*modelSub {
	var subs []*modelSub
	for _, name := range propertySubscribers {
		for _, p := range propertySubs[name] {
			subs = append(subs, m.subs[name+" "+p])
		}
	}
	return subs
}
