package mockruntime_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
)

// Edge inputs get the catalogue's code with the limit they break, never
// INTERNAL or a backend's own error (ERR-4).
var _ = Describe("edge inputs through the Go testee", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"storage.file:self", "data.read:shelf.books", "data.sql:self"}, nil)
	})

	DescribeTable("storage.file refuses a path no file system holds as INVALID_PARAMS (STOR-3)",
		func(path, detail string) {
			for _, op := range []string{"write", "read", "stat", "list", "delete"} {
				params := `{"op":"` + op + `","path":` + jsonString(path) + `,"data":""}`
				e, _ := callError(p, "storage.file", params)
				Expect(e).To(HaveKeyWithValue("code", "INVALID_PARAMS"), op)
				Expect(e["message"]).To(ContainSubstring(detail), op)
			}
		},
		Entry("a NUL byte", "a\x00b.txt", "NUL byte"),
		Entry("a 300-byte name", strings.Repeat("n", 300), "over the limit of 255"),
		Entry("a 300-byte name in a folder", "dir/"+strings.Repeat("n", 300)+"/x", "over the limit of 255"),
		Entry("a 5,000-byte path", strings.Repeat("abcdefgh/", 560), "over the limit of 4095"),
	)

	It("keeps a name of exactly 255 bytes", func() {
		name := strings.Repeat("n", 255)
		e, _ := callError(p, "storage.file", `{"op":"write","path":"`+name+`","data":""}`)
		Expect(e).To(BeNil())
	})

	It("refuses a data.read with 40,000 `in` values as INVALID_PARAMS with the limit (READ-5)", func() {
		shelf := w.load(fakeManifest("minimal"), map[string]any{
			"slug": "shelf", "backend": nil,
			"public_schema": map[string]any{"books": map[string]any{"columns": []any{"id", "title"}}},
		})
		Expect(shelf.Exec("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT)")).To(Succeed())
		in := make([]string, 40_000)
		for i := range in {
			in[i] = "1"
		}
		where := `[{"column":"id","op":"in","value":[` + strings.Join(in, ",") + `]}]`
		e, _ := callError(p, "data.read", `{"plugin":"shelf","table":"books","where":`+where+`}`)
		Expect(e).To(HaveKeyWithValue("code", "INVALID_PARAMS"))
		Expect(e["message"]).To(ContainSubstring("over the limit of 10000"))
		e, result := callError(p, "data.read", `{"plugin":"shelf","table":"books","where":[{"column":"id","op":"in","value":[`+strings.Join(in[:10_000], ",")+`]}]}`)
		Expect(e).To(BeNil())
		Expect(result).To(BeEmpty())
	})
})

var _ = Describe("data.sql under SQLite's limits (SQL-9)", func() {
	It("refuses randomblob(1e9) and an endless recursive query with SQL_ERROR naming the limit", func() {
		w := newWorld(optsZero())
		p := w.testee([]string{"data.sql:self"}, nil)
		e, _ := callError(p, "data.sql", `{"op":"query","sql":"SELECT length(randomblob(1e9)) AS n"}`)
		Expect(e).To(HaveKeyWithValue("code", "SQL_ERROR"))
		Expect(e["message"]).To(ContainSubstring("at most 8388608 bytes"))
		// The deadline is real time (5 s): the query would never end.
		e, _ = callError(p, "data.sql", `{"op":"query","sql":"WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) AS n FROM c"}`)
		Expect(e).To(HaveKeyWithValue("code", "SQL_ERROR"))
		Expect(e["message"]).To(ContainSubstring("ran past the limit of 5s"))
		e, _ = callError(p, "data.sql", `{"op":"query","sql":"SELECT 1 AS n"}`)
		Expect(e).To(BeNil())
	})
})

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
