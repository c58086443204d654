package harness

import "github.com/conform-dev/conform/harness/engine"

// The names below moved to package engine; they stay here so library users keep compiling.

var Applies = engine.Applies

type ExecOptions = engine.ExecOptions

var Execute = engine.Execute

type Executor = engine.Executor
type Target = engine.Target
