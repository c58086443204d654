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

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

var _ = Describe("storage.file (STOR-1, STOR-2)", func() {
	var (
		w       *world
		p       *mockruntime.Plugin
		outside string
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"storage.file:self"}, nil)
		outside = GinkgoT().TempDir()
		Expect(os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644)).To(Succeed())
	})

	storageCall := func(params map[string]any) (any, string) { return rawCall(p, "storage.file", params) }

	It("writes, reads, lists, stats and deletes files in the plugin's own folder", func() {
		Expect(resultOf(call(p, "storage.write", map[string]any{"path": "notes/a.txt", "data": b64("hello")}))).To(Equal(map[string]any{"size": 5.0}))
		Expect(os.ReadFile(filepath.Join(p.DataDir(), "files", "notes", "a.txt"))).To(BeEquivalentTo("hello"))
		Expect(resultOf(call(p, "storage.read", map[string]any{"path": "notes/a.txt"}))).To(Equal(map[string]any{"data": b64("hello"), "size": 5.0}))

		Expect(storageCall(map[string]any{"op": "list", "path": ""})).To(Equal([]any{map[string]any{"name": "notes", "size": 0.0, "dir": true}}))
		Expect(storageCall(map[string]any{"op": "list", "path": "notes"})).To(Equal([]any{map[string]any{"name": "a.txt", "size": 5.0, "dir": false}}))
		Expect(storageCall(map[string]any{"op": "stat", "path": "notes/a.txt"})).To(Equal(map[string]any{"size": 5.0, "dir": false, "mtime": w.nowMillis()}))

		result, code := storageCall(map[string]any{"op": "delete", "path": "notes/a.txt"})
		Expect(code).To(BeEmpty())
		Expect(result).To(BeNil())
		Expect(call(p, "storage.read", map[string]any{"path": "notes/a.txt"})).To(match.HaveErrorCode("NOT_FOUND"))
	})

	DescribeTable("answers NOT_FOUND for what is missing (STOR-2)",
		func(params map[string]any) {
			_, code := storageCall(params)
			Expect(code).To(Equal("NOT_FOUND"))
		},
		Entry("a read", map[string]any{"op": "read", "path": "missing.txt"}),
		Entry("a delete", map[string]any{"op": "delete", "path": "missing.txt"}),
		Entry("a stat", map[string]any{"op": "stat", "path": "missing/deeper.txt"}),
		Entry("a list", map[string]any{"op": "list", "path": "missing"}),
	)

	DescribeTable("refuses every path leading outside the folder with path_outside_storage (STOR-1)",
		func(prepare func(files string), params map[string]any) {
			prepare(filepath.Join(p.DataDir(), "files"))
			_, code := storageCall(params)
			Expect(code).To(Equal("PERMISSION_DENIED"))
			Expect(w.rt.Transcript()).To(match.HaveFrame(mockruntime.DirOut, map[string]any{
				"type": "response", "error": map[string]any{"code": "PERMISSION_DENIED", "context": map[string]any{"reason": "path_outside_storage"}},
			}))
			Expect(os.ReadFile(filepath.Join(outside, "secret.txt"))).To(BeEquivalentTo("secret"))
		},
		Entry("a .. segment", func(string) {}, map[string]any{"op": "read", "path": "../plugin.db"}),
		Entry("a .. segment that comes back inside", func(string) {}, map[string]any{"op": "stat", "path": "a/../b"}),
		Entry("an absolute path", func(string) {}, map[string]any{"op": "read", "path": "/etc/passwd"}),
		Entry("a symlink to a folder outside", func(files string) {
			Expect(os.Symlink(outside, filepath.Join(files, "link"))).To(Succeed())
		}, map[string]any{"op": "read", "path": "link/secret.txt"}),
		Entry("a write through a symlink to a file outside", func(files string) {
			Expect(os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(files, "s.txt"))).To(Succeed())
		}, map[string]any{"op": "write", "path": "s.txt", "data": b64("overwritten")}),
		Entry("a delete of a symlink leading outside", func(files string) {
			Expect(os.Symlink("../../..", filepath.Join(files, "up"))).To(Succeed())
		}, map[string]any{"op": "delete", "path": "up"}),
	)

	It("needs storage.file:self (CAP-1)", func() {
		bare := w.testee(nil, map[string]any{"slug": "bare"})
		Expect(call(bare, "storage.write", map[string]any{"path": "a.txt", "data": b64("x")})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		Expect(filepath.Join(bare.DataDir(), "files", "a.txt")).NotTo(BeAnExistingFile())
	})

	It("refuses data that is not base64", func() {
		_, code := storageCall(map[string]any{"op": "write", "path": "a.txt", "data": "not base64!"})
		Expect(code).To(Equal("INVALID_PARAMS"))
	})
})
