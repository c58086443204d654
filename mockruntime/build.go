package mockruntime

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// BuildCache runs each distinct build step (folder + argv) at most once and
// remembers its outcome (LIFE-2). Safe for concurrent use: concurrent callers
// of the same step wait for the one run.
type BuildCache struct {
	mu    sync.Mutex
	steps map[string]*buildStep
}

type buildStep struct {
	once sync.Once
	err  error
}

// NewBuildCache returns an empty cache.
func NewBuildCache() *BuildCache { return &BuildCache{steps: map[string]*buildStep{}} }

// BuildError is a build step that failed; Output holds its combined output.
type BuildError struct {
	Manifest string
	Argv     []string
	Output   string
	Err      error
}

func (e *BuildError) Error() string {
	out := strings.TrimSpace(e.Output)
	if len(out) > 2000 {
		out = "…" + out[len(out)-2000:]
	}
	return fmt.Sprintf("%s: build step %q failed: %v\n%s", e.Manifest, strings.Join(e.Argv, " "), e.Err, out)
}

func (e *BuildError) Unwrap() error { return e.Err }

// Build runs the manifest's build step unless this cache already ran it.
// A manifest without one builds trivially.
func (c *BuildCache) Build(ctx context.Context, m *Manifest) error {
	if m.Backend == nil || m.Backend.Build == nil {
		return nil
	}
	dir := filepath.Join(m.Dir, m.Backend.Build.Dir)
	key := dir + "\x00" + strings.Join(m.Backend.Build.Command, "\x00")
	c.mu.Lock()
	step, ok := c.steps[key]
	if !ok {
		step = &buildStep{}
		c.steps[key] = step
	}
	c.mu.Unlock()
	step.once.Do(func() { step.err = runBuild(ctx, m, dir) })
	return step.err
}

func runBuild(ctx context.Context, m *Manifest, dir string) error {
	argv := m.Backend.Build.Command
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return &BuildError{Manifest: m.Path, Argv: argv, Output: out.String(), Err: err}
	}
	return nil
}
