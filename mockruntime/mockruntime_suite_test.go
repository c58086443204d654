package mockruntime_test

import (
	"os"
	"path/filepath"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

// TestMain lets the test binary double as a misbehaving plugin: when
// CONFORM_FAKE_PLUGIN names a behaviour, the binary runs it instead of the
// tests (see fakeplugin_test.go).
func TestMain(m *testing.M) {
	if name := os.Getenv("CONFORM_FAKE_PLUGIN"); name != "" {
		os.Exit(runFakePlugin(name))
	}
	os.Exit(m.Run())
}

func TestMockruntime(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "mockruntime")
}

// testeeBinary is the Go reference testee, built once for the suite.
var testeeBinary string

var _ = SynchronizedBeforeSuite(func() []byte {
	bin, err := gexec.Build("github.com/conform-dev/conform/fixtures/plugins/go")
	Expect(err).NotTo(HaveOccurred())
	return []byte(bin)
}, func(bin []byte) {
	testeeBinary = string(bin)
})

var _ = SynchronizedAfterSuite(func() {}, func() { gexec.CleanupBuildArtifacts() })

// testeeManifest is the path of the Go testee's manifest.
func testeeManifest() string {
	abs, err := filepath.Abs("../fixtures/plugins/go/manifest.json")
	Expect(err).NotTo(HaveOccurred())
	return abs
}
