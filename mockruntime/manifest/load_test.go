package manifest_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/mockruntime/manifest"
)

var _ = Describe("Load of a hostile manifest file", func() {
	It("refuses a manifest over the 1 MiB cap under MAN-7, naming the file and the cap", func() {
		dir := GinkgoT().TempDir()
		path := filepath.Join(dir, manifest.File)
		data := append([]byte(`{"slug":"x","pad":"`), bytes.Repeat([]byte("a"), int(inputfile.ManifestLimit))...)
		Expect(os.WriteFile(path, append(data, `"}`...), 0o644)).To(Succeed())
		_, err := manifest.Load(dir, nil)
		var me *manifest.Error
		Expect(errors.As(err, &me)).To(BeTrue(), "%v", err)
		Expect(me.Rule).To(Equal("MAN-7"))
		var tooLarge *inputfile.TooLargeError
		Expect(errors.As(err, &tooLarge)).To(BeTrue())
		Expect(err).To(MatchError(path + ": is 1048597 bytes, over conform's 1 MiB cap for a manifest [MAN-7]"))
	})

	It("refuses a manifest that is a folder under MAN-7", func() {
		path := filepath.Join(GinkgoT().TempDir(), "other.json")
		Expect(os.Mkdir(path, 0o755)).To(Succeed())
		Expect(os.Mkdir(filepath.Join(path, manifest.File), 0o755)).To(Succeed())
		_, err := manifest.Load(path, nil)
		Expect(err).To(MatchError(filepath.Join(path, manifest.File) + ": is a folder, not a regular file [MAN-7]"))
	})
})
