package harness

import (
	"context"
	"io"

	"github.com/conform-dev/conform/harness/selftest"
)

// The names below moved to package selftest; they stay here so library users keep compiling.

var DefaultSelftestParallel = selftest.DefaultSelftestParallel

type MutantFile = selftest.MutantFile

// Selftest runs the self-test (`conform selftest`); see selftest.Selftest.
func Selftest(ctx context.Context, cfg SelftestConfig, stdout, stderr io.Writer) int {
	return selftest.Selftest(ctx, cfg, stdout, stderr)
}

type SelftestConfig = selftest.SelftestConfig
