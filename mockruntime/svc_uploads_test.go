package mockruntime_test

import (
	"encoding/base64"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("uploads (UPL-1)", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"storage.file:self"}, nil)
	})

	uploadedFile := func(rel string) string { return filepath.Join(p.DataDir(), "files", rel) }

	It("writes the whole file under uploads/, then tells the plugin where it is", func() {
		data := []byte("\x89PNG fake image")
		Expect(p.Upload(mockruntime.Upload{Filename: "cat.png", MimeType: "image/png", Data: data, UploadedBy: "u1"})).To(Succeed())
		Expect(os.ReadFile(uploadedFile("uploads/cat.png"))).To(Equal(data))
		Eventually(recordOf(p, "uploads")).Should(Equal([]any{map[string]any{
			"filename": "cat.png", "path": "uploads/cat.png", "size": float64(len(data)), "mimeType": "image/png", "uploadedBy": "u1",
		}}))
		Expect(sentFrames(w.rt, "testee", "file.uploaded")).To(ConsistOf(HaveKeyWithValue("uploadedAt", w.nowMillis())))
		read := resultOf(call(p, "storage.read", map[string]any{"path": "uploads/cat.png"}))
		Expect(read).To(HaveKeyWithValue("data", base64.StdEncoding.EncodeToString(data)))
	})

	It("keeps every upload, giving a repeated name a number", func() {
		for _, body := range []string{"one", "two", "three"} {
			Expect(p.Upload(mockruntime.Upload{Filename: "notes.txt", Data: []byte(body), UploadedBy: "u1"})).To(Succeed())
		}
		Expect(os.ReadFile(uploadedFile("uploads/notes.txt"))).To(BeEquivalentTo("one"))
		Expect(os.ReadFile(uploadedFile("uploads/notes-1.txt"))).To(BeEquivalentTo("two"))
		Expect(os.ReadFile(uploadedFile("uploads/notes-2.txt"))).To(BeEquivalentTo("three"))
	})

	It("stores a name with separators and dots inside uploads/ and reports the client's name", func() {
		Expect(p.Upload(mockruntime.Upload{Filename: "../../escape.sh", Data: []byte("x"), UploadedBy: "u1"})).To(Succeed())
		Eventually(recordOf(p, "uploads")).Should(ConsistOf(SatisfyAll(
			HaveKeyWithValue("filename", "../../escape.sh"),
			HaveKeyWithValue("path", "uploads/_.._escape.sh"),
		)))
		Expect(uploadedFile("uploads/_.._escape.sh")).To(BeARegularFile())
		Expect(filepath.Join(p.DataDir(), "escape.sh")).NotTo(BeAnExistingFile())
	})

	DescribeTable("never follows a symbolic link the plugin planted out of its folder (STOR-1)",
		func(plant func(outside string)) {
			outside := GinkgoT().TempDir()
			plant(outside)
			err := p.Upload(mockruntime.Upload{Filename: "cat.png", Data: []byte("host data"), UploadedBy: "u1"})
			Expect(err).To(match.HaveErrorCode("PERMISSION_DENIED"))
			entries, _ := os.ReadDir(outside)
			Expect(entries).To(BeEmpty(), "the upload wrote outside the plugin's folder")
		},
		Entry("at uploads/", func(outside string) {
			Expect(os.MkdirAll(filepath.Join(p.DataDir(), "files"), 0o755)).To(Succeed())
			Expect(os.Symlink(outside, uploadedFile("uploads"))).To(Succeed())
		}),
		Entry("at files/", func(outside string) {
			Expect(os.RemoveAll(filepath.Join(p.DataDir(), "files"))).To(Succeed())
			Expect(os.Symlink(outside, filepath.Join(p.DataDir(), "files"))).To(Succeed())
		}),
	)

	It("does not write through a link planted at the upload's own name", func() {
		outside := filepath.Join(GinkgoT().TempDir(), "target")
		Expect(os.MkdirAll(uploadedFile("uploads"), 0o755)).To(Succeed())
		Expect(os.Symlink(outside, uploadedFile("uploads/cat.png"))).To(Succeed())
		Expect(p.Upload(mockruntime.Upload{Filename: "cat.png", Data: []byte("host data"), UploadedBy: "u1"})).To(Succeed())
		Expect(outside).NotTo(BeAnExistingFile())
		Expect(os.ReadFile(uploadedFile("uploads/cat-1.png"))).To(BeEquivalentTo("host data"))
	})

	It("refuses an upload without a file name", func() {
		Expect(p.Upload(mockruntime.Upload{Data: []byte("x")})).To(match.HaveErrorCode("INVALID_PARAMS"))
	})
})
