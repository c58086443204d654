//go:build unix

package manifest_test

import (
	"os"
	"path/filepath"
	"syscall"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/manifest"
)

var _ = Describe("Load of a manifest that never ends", func() {
	// loadSoon loads dir in the background and fails the spec, rather
	// than hanging it, when Load blocks.
	loadSoon := func(dir string) error {
		done := make(chan error, 1)
		go func() { _, err := manifest.Load(dir, nil); done <- err }()
		var err error
		Eventually(done, "5s").Should(Receive(&err), "Load(%s) blocked", dir)
		return err
	}

	It("refuses a named pipe under MAN-7 without blocking", func() {
		dir := GinkgoT().TempDir()
		path := filepath.Join(dir, manifest.File)
		Expect(syscall.Mkfifo(path, 0o644)).To(Succeed())
		Expect(loadSoon(dir)).To(MatchError(path + ": is a named pipe, not a regular file [MAN-7]"))
	})

	It("refuses a link to /dev/zero under MAN-7 as a device", func() {
		dir := GinkgoT().TempDir()
		path := filepath.Join(dir, manifest.File)
		Expect(os.Symlink("/dev/zero", path)).To(Succeed())
		Expect(loadSoon(dir)).To(MatchError(path + ": is a character device, not a regular file [MAN-7]"))
	})
})
