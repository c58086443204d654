package harness

import "github.com/conform-dev/conform/harness/baseline"

// The names below moved to package baseline; they stay here so library users keep compiling.

type Baseline = baseline.Baseline
type BaselineEntry = baseline.BaselineEntry
type BaselineUpdateConfig = baseline.BaselineUpdateConfig

var LoadBaseline = baseline.LoadBaseline
var ParseBaseline = baseline.ParseBaseline
var UpdateBaseline = baseline.UpdateBaseline
