package harness

import (
	"context"

	"github.com/conform-dev/conform/harness/engine"
	"github.com/conform-dev/conform/mockruntime"
)

// The names below moved to package engine; they stay here so library users keep compiling.

var Applies = engine.Applies

type ExecOptions = engine.ExecOptions

// Execute runs one scenario in a fresh runtime; see engine.Execute.
func Execute(ctx context.Context, sc *Scenario, t Target, o ExecOptions) (Result, []mockruntime.Entry) {
	return engine.Execute(ctx, sc, t, o)
}

type Executor = engine.Executor
type Target = engine.Target
