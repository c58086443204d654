package plan_test

import (
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestPlan(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "harness/plan")
}

// runDir returns the path of a folder below harness/testdata/run.
func runDir(parts ...string) string {
	return filepath.Join(append([]string{"..", "testdata", "run"}, parts...)...)
}

// runOutcome is what one command did (as in the harness specs).
type runOutcome struct {
	code           int
	stdout, stderr string
}
