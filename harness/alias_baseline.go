package harness

import (
	"io"

	"github.com/conform-dev/conform/harness/baseline"
)

// The names below moved to package baseline; they stay here so library users keep compiling.

type Baseline = baseline.Baseline
type BaselineEntry = baseline.BaselineEntry
type BaselineUpdateConfig = baseline.BaselineUpdateConfig

var LoadBaseline = baseline.LoadBaseline
var ParseBaseline = baseline.ParseBaseline

// UpdateBaseline writes an updated baseline from a JSON report
// (`conform baseline`); see baseline.UpdateBaseline.
func UpdateBaseline(cfg BaselineUpdateConfig, stdout, stderr io.Writer) int {
	return baseline.UpdateBaseline(cfg, stdout, stderr)
}
