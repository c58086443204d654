package steps_test

import (
	"context"

	"encoding/json"
	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

func TestSteps(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "harness/steps")
}

// testeeBinary is the Go reference testee, built once for the whole suite.
// Specs of this package that need a real plugin use it through
// testeeManifest.
var testeeBinary string

var _ = SynchronizedBeforeSuite(func() []byte {
	bin, err := gexec.Build("github.com/conform-dev/conform/fixtures/plugins/go")
	Expect(err).NotTo(HaveOccurred())
	return []byte(bin)
}, func(bin []byte) {
	testeeBinary = string(bin)
})

var _ = SynchronizedAfterSuite(func() {}, func() { gexec.CleanupBuildArtifacts() })

// testeeManifest writes the Go testee's manifest (fixtures/plugins/go)
// into a temporary folder with backend.command set to the built binary and
// no build step, and returns its path.
func testeeManifest() string {
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "plugins", "go", "manifest.json"))
	Expect(err).NotTo(HaveOccurred())
	var m map[string]any
	Expect(json.Unmarshal(data, &m)).To(Succeed())
	m["backend"] = map[string]any{"command": []any{testeeBinary}}
	path := filepath.Join(GinkgoT().TempDir(), "manifest.json")
	out, err := json.Marshal(m)
	Expect(err).NotTo(HaveOccurred())
	Expect(os.WriteFile(path, out, 0o644)).To(Succeed())
	return path
}

// tempFile writes content to a new file in a folder removed after the spec
// and returns its path.
func tempFile(name, content string) string {
	path := filepath.Join(GinkgoT().TempDir(), name)
	Expect(os.WriteFile(path, []byte(content), 0o644)).To(Succeed())
	return path
}

// The helpers below are those of the engine specs (harness/engine).

// scenario loads the one scenario of a YAML text.
func scenario(content string) *harness.Scenario {
	list, err := harness.LoadFile(tempFile("scenario.yaml", content))
	Expect(err).NotTo(HaveOccurred())
	Expect(list).To(HaveLen(1))
	return list[0]
}

// execute runs a scenario against a plugin's manifest.
func execute(sc *harness.Scenario, manifest string, o harness.ExecOptions) (harness.Result, []mockruntime.Entry) {
	return harness.Execute(context.Background(), sc, harness.Target{Manifest: manifest}, o)
}

// describeFailure renders a result's failure for assertion messages.
func describeFailure(r harness.Result) string {
	if r.Failure == nil {
		return string(r.Verdict)
	}
	f := r.Failure
	return f.Source.String() + ": [" + f.Rule + "] " + f.Message + "\nexpected: " + f.Expected + "\ngot: " + f.Got
}
