package mockruntime

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/conform-dev/conform/mockruntime/internal/build"
)

// BuildCache runs each distinct build step (folder + argv) at most once and
// remembers its outcome (LIFE-2). Safe for concurrent use: concurrent callers
// of the same step wait for the one run.
type BuildCache struct {
	steps build.Once
}

// NewBuildCache returns an empty cache.
func NewBuildCache() *BuildCache { return &BuildCache{} }

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
	argv := m.Backend.Build.Command
	key := dir + "\x00" + strings.Join(argv, "\x00")
	return c.steps.Do(key, func() error {
		out, err := build.Run(ctx, dir, argv)
		if err != nil {
			return &BuildError{Manifest: m.Path, Argv: argv, Output: out, Err: err}
		}
		return nil
	})
}
