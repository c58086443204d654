package scenario_test

import (
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// The specs of this package load through the harness package, which also
// registers every step kind's parser.
func TestScenario(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "harness/scenario")
}

// tempFile writes content to a new file in a folder removed after the spec
// and returns its path.
func tempFile(name, content string) string {
	path := filepath.Join(GinkgoT().TempDir(), name)
	Expect(os.WriteFile(path, []byte(content), 0o644)).To(Succeed())
	return path
}
