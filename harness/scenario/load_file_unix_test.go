//go:build unix

package scenario_test

import (
	"os"
	"path/filepath"
	"syscall"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("LoadFile of files that never end", func() {
	// soon runs f in the background and fails the spec, rather than
	// hanging it, when f blocks.
	soon := func(f func() error) error {
		done := make(chan error, 1)
		go func() {
			defer GinkgoRecover()
			done <- f()
		}()
		var err error
		Eventually(done, "5s").Should(Receive(&err), "loading blocked")
		return err
	}

	It("refuses a scenario file that is a named pipe without blocking", func() {
		path := filepath.Join(GinkgoT().TempDir(), "s.yaml")
		Expect(syscall.Mkfifo(path, 0o644)).To(Succeed())
		err := soon(func() error { _, err := harness.LoadFile(path); return err })
		Expect(err).To(MatchError(path + ": is a named pipe, not a regular file"))
	})

	It("refuses a load_plugin manifest linked to /dev/zero", func() {
		dir := GinkgoT().TempDir()
		Expect(os.Symlink("/dev/zero", filepath.Join(dir, "zero.json"))).To(Succeed())
		var got []string
		soon(func() error {
			got = loadErrorsIn(dir, "s.yaml", "id: x\nsteps:\n  - load_plugin: {manifest: zero.json}\n")
			return nil
		})
		Expect(got).To(Equal([]string{"s.yaml:3: /steps/0/load_plugin/manifest: reading zero.json: is a character device, not a regular file"}))
	})
})
