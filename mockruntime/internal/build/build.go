// Package build runs the build steps of plugins: a command in a folder,
// its combined output kept for the error message, and Once, which runs
// each distinct step at most once and remembers its outcome (LIFE-2).
//
// It knows nothing of manifests, plugins or scenarios.
//
// # Concurrency
//
// Run and every method of *Once are safe for concurrent use; concurrent
// callers of the same step wait for the one run.
//
// # Imports
//
// Only the standard library; it must not import any package of this
// module.
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
