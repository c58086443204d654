package bus_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

var ctx = context.Background()

// recorder collects values from any goroutine until the spec takes them.
type recorder[T any] struct {
	mu    sync.Mutex
	items []T
}

func (r *recorder[T]) add(v T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, v)
}

// take returns the values recorded since the last take.
func (r *recorder[T]) take() []T {
	r.mu.Lock()
	defer r.mu.Unlock()
	got := r.items
	r.items = nil
	return got
}

// sink records the deliveries of one subscriber.
type sink struct{ recorder[bus.Delivery] }

func (s *sink) Deliver(d bus.Delivery) { s.add(d) }

// reportLog records the observer's reports.
type reportLog struct{ recorder[bus.Report] }

func (l *reportLog) observe(r bus.Report) { l.add(r) }

// ofKind returns the reports of kind recorded since the last take, and
// takes them all.
func (l *reportLog) ofKind(kind bus.ReportKind) []bus.Report {
	var got []bus.Report
	for _, r := range l.take() {
		if r.Kind == kind {
			got = append(got, r)
		}
	}
	return got
}

// fastTempDir returns a folder removed when the spec ends, in memory when
// the machine has /dev/shm: SQLite's checkpoints on Close fsync, which on a
// disk costs more than everything else a spec does, and no spec here is
// about power loss.
func fastTempDir() string {
	dir, err := os.MkdirTemp("/dev/shm", "bus-spec-")
	if err != nil {
		return GinkgoT().TempDir()
	}
	DeferCleanup(os.RemoveAll, dir)
	return dir
}

// fixture is a bus on a file in a temporary folder, driven by a fake clock.
type fixture struct {
	cfg     bus.Config
	clock   *clock.Fake
	reports *reportLog
	bus     *bus.Bus
}

var epoch = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// newFixture opens a bus; tweak may change the config first. The bus is
// closed when the spec ends.
func newFixture(tweak ...func(*bus.Config)) *fixture {
	f := &fixture{clock: clock.NewFake(epoch), reports: &reportLog{}}
	f.cfg = bus.Config{
		Path:     filepath.Join(fastTempDir(), "bus.db"),
		Clock:    f.clock,
		Observer: f.reports.observe,
	}
	for _, t := range tweak {
		t(&f.cfg)
	}
	f.open()
	DeferCleanup(func() { _ = f.bus.Close() })
	return f
}

func (f *fixture) open() {
	b, err := bus.Open(f.cfg)
	Expect(err).NotTo(HaveOccurred())
	f.bus = b
}

// restart closes the bus and opens the same file again.
func (f *fixture) restart() {
	Expect(f.bus.Close()).To(Succeed())
	f.open()
}

// subscriber attaches a new sink for name and subscribes it to patterns.
func (f *fixture) subscriber(name string, opts bus.Options, patterns ...string) *sink {
	s := &sink{}
	Expect(f.bus.Attach(name, s)).To(Succeed())
	for _, p := range patterns {
		Expect(f.bus.Subscribe(ctx, name, p, opts)).To(Succeed())
	}
	return s
}

// publish publishes n events on topic from "pub" and returns their ids.
func (f *fixture) publish(topic string, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		id, err := f.bus.Publish(ctx, bus.Event{Topic: topic, Source: "pub", Payload: json.RawMessage(fmt.Sprintf(`{"n":%d}`, i))})
		Expect(err).NotTo(HaveOccurred())
		ids[i] = id
	}
	return ids
}

func (f *fixture) ack(subscriber, pattern string, ids ...string) {
	for _, id := range ids {
		Expect(f.bus.Ack(subscriber, pattern, id, true, "")).To(Succeed())
	}
}

func (f *fixture) nack(subscriber, pattern, id string) {
	Expect(f.bus.Ack(subscriber, pattern, id, false, "HANDLER_FAILED")).To(Succeed())
}

func (f *fixture) state(subscriber, pattern string) bus.SubscriptionState {
	st, ok := f.bus.State(subscriber, pattern)
	Expect(ok).To(BeTrue(), "no subscription %s %s", subscriber, pattern)
	return st
}

// ids returns the event ids of deliveries.
func ids(ds []bus.Delivery) []string {
	got := make([]string, len(ds))
	for i, d := range ds {
		got[i] = d.ID
	}
	return got
}

// attempts returns the attempts of deliveries.
func attempts(ds []bus.Delivery) []int {
	got := make([]int, len(ds))
	for i, d := range ds {
		got[i] = d.Attempt
	}
	return got
}
