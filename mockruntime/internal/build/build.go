package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"syscall"
	"time"

	"github.com/conform-dev/conform/mockruntime/internal/proc"
)

// Defaults of Limits.
const (
	DefaultTimeout     = 10 * time.Minute
	DefaultOutputBytes = 64 << 10
	DefaultWaitDelay   = 2 * time.Second
)

// Limits bound one build step. Zero fields take their default.
type Limits struct {
	// Timeout ends the step (SIGKILL to its group) when it runs longer,
	// on the wall clock.
	Timeout time.Duration
	// OutputBytes is how much of the end of the combined output is kept.
	OutputBytes int
	// WaitDelay is how long, once the step has exited and what it left in
	// its group was killed, its output may still take to reach end of
	// file; then the pipes are closed. Like exec.Cmd.WaitDelay.
	WaitDelay time.Duration
}

func (l Limits) withDefaults() Limits {
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.OutputBytes <= 0 {
		l.OutputBytes = DefaultOutputBytes
	}
	if l.WaitDelay <= 0 {
		l.WaitDelay = DefaultWaitDelay
	}
	return l
}

// ErrTimeout is the error of a step that ran past Limits.Timeout.
var ErrTimeout = errors.New("build step timed out")

// Run runs argv in dir, in a process group of its own (a Job object on
// Windows), with stdin at end of file. It returns the tail of its
// combined stdout and stderr and the error of the run, if any. The step
// ends, its whole group killed, when ctx is done or after l.Timeout.
// Once the step's main process exits, whatever it left running (in its
// group, or escaped from it where the OS lets conform see that) is killed,
// so a background child holding stdout cannot keep the run waiting.
func Run(ctx context.Context, dir string, argv []string, l Limits) (string, error) {
	l = l.withDefaults()
	if len(argv) == 0 {
		return "", errors.New("empty build command")
	}
	p, err := proc.Start(proc.Spec{Argv: argv, Dir: dir, MergeStderr: true})
	if err != nil {
		return "", err
	}
	_ = p.Stdin.Close()
	out := newTail(l.OutputBytes)
	var readers sync.WaitGroup
	readers.Add(1)
	go func() { defer readers.Done(); _, _ = io.Copy(out, p.Stdout) }()
	exited := make(chan error, 1)
	go func() {
		st := p.Wait()
		if st.Success() {
			exited <- nil
		} else {
			exited <- exitError(st.String())
		}
	}()
	timer := time.NewTimer(l.Timeout)
	defer timer.Stop()
	var runErr error
	select {
	case runErr = <-exited:
	case <-timer.C:
		p.SignalGroup(syscall.SIGKILL)
		<-exited
		runErr = fmt.Errorf("%w after %v", ErrTimeout, l.Timeout)
	case <-ctx.Done():
		p.SignalGroup(syscall.SIGKILL)
		<-exited
		runErr = ctx.Err()
	}
	p.Settle()
	drained := make(chan struct{})
	go func() { readers.Wait(); close(drained) }()
	select {
	case <-drained:
	case <-time.After(l.WaitDelay):
		proc.CloseFiles(p.Stdout)
		<-drained
	}
	proc.CloseFiles(p.Stdout)
	return out.String(), runErr
}

type exitError string

func (e exitError) Error() string { return string(e) }

// tail keeps the last max bytes written to it and counts the rest.
type tail struct {
	mu      sync.Mutex
	buf     []byte // ring of cap max
	start   int    // index of the oldest byte once full
	dropped int64
	max     int
}

func newTail(max int) *tail { return &tail{max: max} }

func (t *tail) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(b)
	if len(b) >= t.max { // only the end of b survives
		t.dropped += int64(len(t.buf) + len(b) - t.max)
		t.buf, t.start = append(t.buf[:0], b[len(b)-t.max:]...), 0
		return n, nil
	}
	for len(b) > 0 {
		if len(t.buf) < t.max { // filling up
			k := min(t.max-len(t.buf), len(b))
			t.buf, b = append(t.buf, b[:k]...), b[k:]
			continue
		}
		k := copy(t.buf[t.start:], b)
		t.dropped += int64(k)
		t.start, b = (t.start+k)%t.max, b[k:]
	}
	return n, nil
}

// String is the kept tail, after a line saying how much was dropped.
func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := string(t.buf[t.start:]) + string(t.buf[:t.start])
	if t.dropped > 0 {
		s = fmt.Sprintf("[… %d bytes of earlier output dropped; the last %d kept]\n", t.dropped, len(t.buf)) + s
	}
	return s
}

// Once runs each keyed step at most once and remembers its error. The
// zero value is ready to use.
type Once struct {
	mu    sync.Mutex
	steps map[string]*step
}

type step struct {
	once sync.Once
	err  error
}

// Do runs run unless a step with the same key has run or is running, and
// returns the error of that one run.
func (o *Once) Do(key string, run func() error) error {
	o.mu.Lock()
	if o.steps == nil {
		o.steps = map[string]*step{}
	}
	s, ok := o.steps[key]
	if !ok {
		s = &step{}
		o.steps[key] = s
	}
	o.mu.Unlock()
	s.once.Do(func() { s.err = run() })
	return s.err
}
