package bus_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

// Run with: go test -run '^$' -bench . -count 5 ./mockruntime/internal/bus
// Each benchmark reports events/s; compare their medians within one run.

var benchPayload = json.RawMessage(`{"channel_id":"c-42","text":"hello, bench","n":12345}`)

// BenchmarkSQLiteAppend is the baseline: one INSERT of an event row per
// event into a table shaped like the bus's log, 100 per transaction, on
// the same pragmas.
func BenchmarkSQLiteAppend(b *testing.B) {
	db, err := sql.Open("sqlite", filepath.Join(b.TempDir(), "raw.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
		`CREATE TABLE events (seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, version INTEGER NOT NULL,
			ts INTEGER NOT NULL, source TEXT NOT NULL, payload BLOB NOT NULL)`} {
		if _, err := db.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	insert, err := db.Prepare(`INSERT INTO events (seq, topic, version, ts, source, payload) VALUES (?, ?, 1, ?, 'bench', ?)`)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for done := 0; done < b.N; {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		stmt := tx.Stmt(insert)
		for i := 0; i < 100 && done < b.N; i++ {
			done++
			if _, err := stmt.Exec(done, "bench.entry.added", time.Now().UnixMilli(), []byte(benchPayload)); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b)
}

// BenchmarkPublishDeliverAckSerial publishes from one goroutine, so every
// event gets a transaction of its own: the commit-per-event cost.
func BenchmarkPublishDeliverAckSerial(b *testing.B) {
	bb := openBenchBus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := bb.Publish(context.Background(), bus.Event{Topic: "bench.entry.added", Source: "bench", Payload: benchPayload}); err != nil {
			b.Fatal(err)
		}
	}
	waitSettled(b, bb)
	reportRate(b)
}

// BenchmarkPublishDeliverAckGroup publishes from several goroutines at
// once, so that concurrent publishes share commits.
func BenchmarkPublishDeliverAckGroup(b *testing.B) {
	for _, publishers := range []int{4, 16, 64, 256} {
		b.Run(fmt.Sprintf("publishers=%d", publishers), func(b *testing.B) {
			bb := openBenchBus(b)
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for range publishers {
				wg.Go(func() {
					for next.Add(1) <= int64(b.N) {
						if _, err := bb.Publish(context.Background(), bus.Event{Topic: "bench.entry.added", Source: "bench", Payload: benchPayload}); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
			waitSettled(b, bb)
			reportRate(b)
		})
	}
}

// openBenchBus opens a bus with one subscription to the benchmark's topic
// whose sink acknowledges each delivery as it is made.
func openBenchBus(b *testing.B) *bus.Bus {
	bb, err := bus.Open(bus.Config{Path: filepath.Join(benchDir(b), "bus.db")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = bb.Close() })
	acker := bus.SinkFunc(func(d bus.Delivery) {
		if err := bb.Ack("sub", d.Subscription, d.ID, true, ""); err != nil {
			b.Error(err)
		}
	})
	if err := bb.Attach("sub", acker); err != nil {
		b.Fatal(err)
	}
	if err := bb.Subscribe(context.Background(), "sub", "bench.*", bus.Options{MaxQueue: bus.MaxMaxQueue}); err != nil {
		b.Fatal(err)
	}
	return bb
}

// benchDir is b.TempDir, unless BUS_BENCH_DIR names a folder to use
// (for example one on a disk rather than tmpfs).
func benchDir(b *testing.B) string {
	if dir := os.Getenv("BUS_BENCH_DIR"); dir != "" {
		d, err := os.MkdirTemp(dir, "bus-bench-")
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { os.RemoveAll(d) })
		return d
	}
	return b.TempDir()
}

// waitSettled waits until every published event has been acknowledged.
func waitSettled(b *testing.B, bb *bus.Bus) {
	for {
		st, _ := bb.State("sub", "bench.*")
		if st.QueueLen == 0 {
			if st.Acked != int64(b.N) {
				b.Fatalf("acked %d of %d", st.Acked, b.N)
			}
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func reportRate(b *testing.B) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
