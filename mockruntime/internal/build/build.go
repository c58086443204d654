package build

import (
	"bytes"
	"context"
	"os/exec"
	"sync"
)

// Run runs argv in dir and returns its combined stdout and stderr, and the
// error of the run, if any. ctx ends the command.
func Run(ctx context.Context, dir string, argv []string) (string, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
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
