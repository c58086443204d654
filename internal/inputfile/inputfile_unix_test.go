//go:build unix

package inputfile_test

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/internal/inputfile"
)

// readSoon runs Read in the background and fails the spec, rather than
// hanging it, when Read does not return within a few seconds.
func readSoon(path string, limit int64) error {
	done := make(chan error, 1)
	go func() {
		_, err := inputfile.Read(path, limit, "")
		done <- err
	}()
	var err error
	Eventually(done, 5*time.Second).Should(Receive(&err), "Read(%s) blocked", path)
	return err
}

var _ = Describe("Read of files that never end", func() {
	It("refuses a named pipe without blocking on it", func() {
		path := filepath.Join(GinkgoT().TempDir(), "manifest.json")
		Expect(syscall.Mkfifo(path, 0o644)).To(Succeed())
		err := readSoon(path, inputfile.ManifestLimit)
		var notRegular *inputfile.NotRegularError
		Expect(errors.As(err, &notRegular)).To(BeTrue(), "%v", err)
		Expect(err).To(MatchError("open " + path + ": is a named pipe, not a regular file"))
	})

	It("refuses a symbolic link to /dev/zero as a device, reading nothing", func() {
		if _, err := os.Stat("/dev/zero"); err != nil {
			Skip("no /dev/zero here")
		}
		path := filepath.Join(GinkgoT().TempDir(), "manifest.json")
		Expect(os.Symlink("/dev/zero", path)).To(Succeed())
		err := readSoon(path, inputfile.ManifestLimit)
		Expect(err).To(MatchError("open " + path + ": is a character device, not a regular file"))
	})

	It("refuses a socket", func() {
		path := filepath.Join(GinkgoT().TempDir(), "s")
		l, err := net.Listen("unix", path)
		if err != nil {
			Skip("no unix sockets here: " + err.Error())
		}
		DeferCleanup(l.Close)
		Expect(readSoon(path, 10)).To(MatchError("open " + path + ": is a socket, not a regular file"))
	})

	It("opens a regular file non-blocking and reads it whole", func() {
		path := filepath.Join(GinkgoT().TempDir(), "big")
		data := make([]byte, 3<<20)
		Expect(os.WriteFile(path, data, 0o644)).To(Succeed())
		Expect(inputfile.Read(path, 3<<20, "")).To(HaveLen(3 << 20))
	})
})
