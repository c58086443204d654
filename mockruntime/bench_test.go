package mockruntime_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/onsi/gomega/gexec"
	_ "modernc.org/sqlite"

	"github.com/conform-dev/conform/mockruntime"
)

// The benchmarks measure the runtime beside its baselines in the same run
// (BENCHMARKS.md): a raw JSON echo over the same kind of pipes, and bare
// SQLite appends. Run: go test -run '^$' -bench . -count 6 ./mockruntime/

// echoChild is the test binary re-executed as a plain JSON echo process.
type echoChild struct {
	cmd *exec.Cmd
	in  *bufio.Writer
	out *bufio.Reader
}

func startEchoChild(b *testing.B) *echoChild {
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "CONFORM_FAKE_PLUGIN=json-echo")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stdin.Close(); _ = cmd.Wait() })
	return &echoChild{cmd: cmd, in: bufio.NewWriter(stdin), out: bufio.NewReaderSize(stdout, 64<<10)}
}

var benchRequest = map[string]any{"type": "request", "id": "req-1", "action": "echo", "params": map[string]any{"channel": "general", "text": "hello", "n": 42}}

func BenchmarkRoundTrip(b *testing.B) {
	b.Run("raw-json-echo", func(b *testing.B) {
		c := startEchoChild(b)
		for i := 0; i < b.N; i++ {
			line, _ := json.Marshal(benchRequest)
			c.in.Write(line)
			c.in.WriteByte('\n')
			c.in.Flush()
			reply, err := c.out.ReadBytes('\n')
			if err != nil {
				b.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(reply, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The floor of any design with one reader goroutine per plugin stdout:
	// the raw echo, with its replies read by another goroutine and handed
	// to the caller over a channel, and nothing else added.
	b.Run("raw-json-echo-via-reader-goroutine", func(b *testing.B) {
		c := startEchoChild(b)
		replies := make(chan any, 1)
		go func() {
			for {
				reply, err := c.out.ReadBytes('\n')
				if err != nil {
					return
				}
				var v any
				_ = json.Unmarshal(reply, &v)
				replies <- v
			}
		}()
		for i := 0; i < b.N; i++ {
			line, _ := json.Marshal(benchRequest)
			c.in.Write(line)
			c.in.WriteByte('\n')
			c.in.Flush()
			<-replies
		}
	})
	b.Run("runtime-request-bare-plugin", func(b *testing.B) {
		rt, err := mockruntime.New(mockruntime.Options{DataDir: b.TempDir(), CheckOutbound: true})
		if err != nil {
			b.Fatal(err)
		}
		defer rt.Close(context.Background())
		self, _ := os.Executable()
		m := &mockruntime.Manifest{Slug: "bare", Version: "1.0.0", Path: "bare", Dir: b.TempDir(),
			Backend: &mockruntime.Backend{Command: []string{self}, Env: map[string]string{"CONFORM_FAKE_PLUGIN": "minimal"}}}
		p, err := rt.Add(m)
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		if err := p.Start(ctx); err != nil {
			b.Fatal(err)
		}
		if err := p.WaitReady(ctx); err != nil {
			b.Fatal(err)
		}
		req := mockruntime.Request{Action: "echo", Params: benchRequest["params"]}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if r := p.Request(ctx, req); r.Error != nil {
				b.Fatal(r.Error)
			}
		}
	})
	b.Run("runtime-request-go-testee", func(b *testing.B) {
		rt, p := benchTestee(b, mockruntime.Options{CheckOutbound: true})
		_ = rt
		ctx := context.Background()
		req := mockruntime.Request{Action: "echo", Params: benchRequest["params"]}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if r := p.Request(ctx, req); r.Error != nil {
				b.Fatal(r.Error)
			}
		}
	})
}

func BenchmarkEventThroughput(b *testing.B) {
	b.Run("bare-sqlite-append-100", func(b *testing.B) {
		db, err := sql.Open("sqlite", filepath.Join(b.TempDir(), "bare.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, topic TEXT, ts INTEGER, source TEXT, payload TEXT)`); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i += 100 {
			tx, _ := db.Begin()
			for j := 0; j < 100 && i+j < b.N; j++ {
				if _, err := tx.Exec(`INSERT INTO events (topic, ts, source, payload) VALUES (?, ?, ?, ?)`, "source.tick", int64(i+j), "source", `{"i":1}`); err != nil {
					b.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("pipelined-raw-json-echo", func(b *testing.B) {
		c := startEchoChild(b)
		line, _ := json.Marshal(map[string]any{"type": "event.deliver", "id": "evt_1", "topic": "source.tick", "payload": map[string]any{"i": 1}})
		done := make(chan error, 1)
		go func() {
			for i := 0; i < b.N; i++ {
				reply, err := c.out.ReadBytes('\n')
				if err != nil {
					done <- err
					return
				}
				var v any
				_ = json.Unmarshal(reply, &v)
			}
			done <- nil
		}()
		for i := 0; i < b.N; i++ {
			c.in.Write(line)
			c.in.WriteByte('\n')
		}
		c.in.Flush()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("publish-deliver-ack-go-testee", func(b *testing.B) {
		rt, p := benchTestee(b, mockruntime.Options{TranscriptLimit: 50_000})
		ctx := context.Background()
		if r := p.Request(ctx, mockruntime.Request{Action: "subscribe", Params: map[string]any{"pattern": "source.*", "options": map[string]any{"max_in_flight": 512, "max_queue": 100_000}}}); r.Error != nil {
			b.Fatal(r.Error)
		}
		const publishers = 32
		b.ResetTimer()
		var wg sync.WaitGroup
		for g := 0; g < publishers; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := g; i < b.N; i += publishers {
					if _, err := rt.PublishAs(ctx, "source", "source.tick", map[string]any{"i": i}); err != nil {
						b.Error(err)
						return
					}
				}
			}(g)
		}
		wg.Wait()
		deadline := time.Now().Add(time.Minute)
		for {
			s, _ := p.Subscription("source.*")
			if s.Acked >= int64(b.N) {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("only %d of %d events acknowledged", s.Acked, b.N)
			}
			time.Sleep(200 * time.Microsecond)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}

// benchTestee starts a runtime on the wall clock with the Go testee
// subscribed-capable and a data-only "source" publisher.
func benchTestee(b *testing.B, opts mockruntime.Options) (*mockruntime.Runtime, *mockruntime.Plugin) {
	bin, err := gexec.Build("github.com/conform-dev/conform/fixtures/plugins/go")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(gexec.CleanupBuildArtifacts)
	opts.DataDir = b.TempDir()
	rt, err := mockruntime.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = rt.Close(ctx)
	})
	abs, _ := filepath.Abs("../fixtures/plugins/go/manifest.json")
	if _, err := rt.Add(&mockruntime.Manifest{Slug: "source", Version: "1.0.0", Path: "source", Dir: b.TempDir()}); err != nil {
		b.Fatal(err)
	}
	p, err := rt.Load(abs, mockruntime.LoadOptions{Overrides: map[string]any{
		"permissions": []any{"events.subscribe:source.*"},
		"backend":     map[string]any{"command": []any{bin}, "build": nil},
	}})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.Start(ctx); err != nil {
		b.Fatal(err)
	}
	if err := p.WaitReady(ctx); err != nil {
		b.Fatal(fmt.Errorf("testee not ready: %w", err))
	}
	return rt, p
}
