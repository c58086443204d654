package harness

import "github.com/conform-dev/conform/harness/plan"

// The names below moved to package plan; they stay here so library users keep compiling.

var Coverage = plan.Coverage
var DefaultParallel = plan.DefaultParallel
var List = plan.List

type ListConfig = plan.ListConfig
type RuleCoverage = plan.RuleCoverage
type RunConfig = plan.RunConfig
