package mockruntime

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/conform-dev/conform/mockruntime/internal/build"
)

// BuildCache runs each distinct build step (folder + argv) at most once and
// remembers its outcome (LIFE-2). Safe for concurrent use: concurrent callers
// of the same step wait for the one run.
type BuildCache struct {
	steps  build.Once
	limits build.Limits
}

// BuildLimits bound every build step a cache runs (LIFE-2). Zero fields
// take their default.
type BuildLimits struct {
	// Timeout ends a build step, killing its process group, when it runs
	// longer (wall clock; default DefaultBuildTimeout).
	Timeout time.Duration
	// OutputBytes is how much of the end of a step's combined output is
	// kept for BuildError (default DefaultBuildOutputBytes).
	OutputBytes int
}

// Defaults of BuildLimits.
const (
	DefaultBuildTimeout     = build.DefaultTimeout
	DefaultBuildOutputBytes = build.DefaultOutputBytes
)

// NewBuildCache returns an empty cache with the default limits.
func NewBuildCache() *BuildCache { return &BuildCache{} }

// NewBuildCacheWith returns an empty cache whose steps run within l.
func NewBuildCacheWith(l BuildLimits) *BuildCache {
	return &BuildCache{limits: build.Limits{Timeout: l.Timeout, OutputBytes: l.OutputBytes}}
}

// ErrBuildTimeout is wrapped by the BuildError of a step that ran past
// its timeout.
var ErrBuildTimeout = build.ErrTimeout

// BuildError is a build step that failed; Output holds the tail of its
// combined output (BuildLimits.OutputBytes).
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
// A manifest without one builds trivially. The step runs in a process
// group of its own; ctx ending or the timeout kills the group, and once
// the step exits whatever it left running is killed too.
func (c *BuildCache) Build(ctx context.Context, m *Manifest) error {
	if m.Backend == nil || m.Backend.Build == nil {
		return nil
	}
	dir := filepath.Join(m.Dir, m.Backend.Build.Dir)
	argv := m.Backend.Build.Command
	key := dir + "\x00" + strings.Join(argv, "\x00")
	return c.steps.Do(key, func() error {
		out, err := build.Run(ctx, dir, argv, c.limits)
		if err != nil {
			return &BuildError{Manifest: m.Path, Argv: argv, Output: out, Err: err}
		}
		return nil
	})
}
