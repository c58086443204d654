package scenario_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/internal/inputfile"
)

var _ = Describe("LoadFile of hostile files", func() {
	It("refuses a scenario file over the 8 MiB cap, reading no further, as a *LoadError", func() {
		path := filepath.Join(GinkgoT().TempDir(), "s.yaml")
		pad := bytes.Repeat([]byte("#"), int(inputfile.ScenarioLimit))
		Expect(os.WriteFile(path, append([]byte("id: x\nsteps: [start]\n"), pad...), 0o644)).To(Succeed())
		_, err := harness.LoadFile(path)
		var le *harness.LoadError
		Expect(errors.As(err, &le)).To(BeTrue(), "%v", err)
		Expect(err).To(MatchError(path + ": is 8388629 bytes, over conform's 8 MiB cap for a scenario file"))
	})

	It("refuses a folder named like a scenario file", func() {
		path := filepath.Join(GinkgoT().TempDir(), "s.yaml")
		Expect(os.Mkdir(path, 0o755)).To(Succeed())
		_, err := harness.LoadFile(path)
		Expect(err).To(MatchError(path + ": is a folder, not a regular file"))
	})

	It("refuses a load_plugin manifest file over the manifest cap, at the step", func() {
		dir := GinkgoT().TempDir()
		Expect(os.WriteFile(filepath.Join(dir, "big.json"), bytes.Repeat([]byte(" "), int(inputfile.ManifestLimit)+1), 0o644)).To(Succeed())
		Expect(loadErrorsIn(dir, "s.yaml", "id: x\nsteps:\n  - load_plugin: {manifest: big.json}\n")).To(Equal([]string{
			"s.yaml:3: /steps/0/load_plugin/manifest: reading big.json: is 1048577 bytes, over conform's 1 MiB cap for a manifest",
		}))
	})
})

// loadErrorsIn is loadErrors for a scenario file written into dir, beside
// the files a test put there.
func loadErrorsIn(dir, name, content string) []string {
	path := filepath.Join(dir, name)
	Expect(os.WriteFile(path, []byte(content), 0o644)).To(Succeed())
	_, err := harness.LoadFile(path)
	Expect(err).To(HaveOccurred())
	var out []string
	for _, e := range harness.LoadErrors(err) {
		out = append(out, e.Error()[len(dir)+1:])
	}
	return out
}
