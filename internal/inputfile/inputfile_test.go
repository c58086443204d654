package inputfile_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/internal/inputfile"
)

func TestInputFile(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "inputfile")
}

// write makes a file of data in a fresh folder and returns its path.
func write(name string, data []byte) string {
	path := filepath.Join(GinkgoT().TempDir(), name)
	Expect(os.WriteFile(path, data, 0o644)).To(Succeed())
	return path
}

var _ = Describe("Read", func() {
	It("returns an ordinary file's bytes", func() {
		path := write("manifest.json", []byte(`{"slug":"x"}`))
		Expect(inputfile.Read(path, inputfile.ManifestLimit, "a manifest")).To(Equal([]byte(`{"slug":"x"}`)))
	})

	It("returns an empty file as no bytes", func() {
		Expect(inputfile.Read(write("empty", nil), 10, "")).To(BeEmpty())
	})

	It("reads a file of exactly the cap", func() {
		data := bytes.Repeat([]byte("a"), 1<<10)
		Expect(inputfile.Read(write("at-cap", data), 1<<10, "")).To(Equal(data))
	})

	It("refuses a file one byte over the cap, naming the path, its size and the cap", func() {
		path := write("over", bytes.Repeat([]byte("a"), 1<<20+1))
		_, err := inputfile.Read(path, 1<<20, "a manifest")
		var tooLarge *inputfile.TooLargeError
		Expect(errors.As(err, &tooLarge)).To(BeTrue(), "%v", err)
		Expect(tooLarge.Limit).To(Equal(int64(1 << 20)))
		Expect(err).To(MatchError("read " + path + ": is 1048577 bytes, over conform's 1 MiB cap for a manifest"))
	})

	It("follows a symbolic link to a regular file", func() {
		target := write("real.json", []byte("{}"))
		link := filepath.Join(filepath.Dir(target), "link.json")
		if err := os.Symlink(target, link); err != nil {
			Skip("no symbolic links here: " + err.Error())
		}
		Expect(inputfile.Read(link, 10, "")).To(Equal([]byte("{}")))
	})

	It("refuses a folder, naming the path and what it is", func() {
		dir := GinkgoT().TempDir()
		_, err := inputfile.Read(dir, 10, "")
		var notRegular *inputfile.NotRegularError
		Expect(errors.As(err, &notRegular)).To(BeTrue(), "%v", err)
		Expect(notRegular.Mode.IsDir()).To(BeTrue())
		Expect(err).To(MatchError("open " + dir + ": is a folder, not a regular file"))
	})

	It("passes on the system's error for a missing file", func() {
		_, err := inputfile.Read(filepath.Join(GinkgoT().TempDir(), "nope"), 10, "")
		Expect(errors.Is(err, fs.ErrNotExist)).To(BeTrue(), "%v", err)
		Expect(err).To(MatchError(HavePrefix("open ")), "worded as os.ReadFile words it")
	})
})

var _ = Describe("ReadAll", func() {
	It("reads a stream of exactly the cap", func() {
		Expect(inputfile.ReadAll(strings.NewReader("abcd"), 4, "")).To(Equal([]byte("abcd")))
	})

	It("refuses a longer stream without a size it cannot know", func() {
		_, err := inputfile.ReadAll(strings.NewReader("abcde"), 4, "standard input")
		Expect(err).To(MatchError("holds more than conform's 4 bytes cap for standard input"))
	})
})

var _ = DescribeTable("Bytes",
	func(n int64, want string) { Expect(inputfile.Bytes(n)).To(Equal(want)) },
	Entry("bytes", int64(812), "812 bytes"),
	Entry("a round KiB", int64(4<<10), "4 KiB"),
	Entry("a round MiB", int64(256<<20), "256 MiB"),
	Entry("a fraction", int64(3<<29), "1.5 GiB"),
	Entry("just over a round size", int64(1<<20+1), "1048577 bytes"),
)
