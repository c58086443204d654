package harness

import (
	"io"

	"github.com/conform-dev/conform/harness/plan"
)

// The names below moved to package plan; they stay here so library users keep compiling.

var Coverage = plan.Coverage
var DefaultParallel = plan.DefaultParallel

// List prints the scenarios a run would load (`conform list`); see plan.List.
func List(cfg ListConfig, stdout, stderr io.Writer) int { return plan.List(cfg, stdout, stderr) }

type ListConfig = plan.ListConfig
type RuleCoverage = plan.RuleCoverage
type RunConfig = plan.RunConfig
