package mockruntime_test

import (
	"encoding/json"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// callResult runs the testee's raw `call` action and returns its outcome:
// {"result": ...} or {"error": {"code", "message"}}.
func callResult(p *mockruntime.Plugin, typ string, params map[string]any) map[string]any {
	r := call(p, "call", map[string]any{"type": typ, "params": params})
	Expect(r.Error).To(BeNil())
	var out map[string]any
	Expect(json.Unmarshal(r.Result, &out)).To(Succeed())
	return out
}

func errorCode(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

var _ = Describe("data services through the Go testee", func() {
	var (
		w *world
		p *mockruntime.Plugin
	)
	BeforeEach(func() {
		w = newWorld(optsZero())
		p = w.testee([]string{"data.sql:self", "data.kv:self", "data.read:shelf.books"}, nil)
	})

	It("runs SQL on a private WAL database: rows as objects, changes and rowids, atomic batches (SQL-1..SQL-5)", func() {
		Expect(call(p, "sql.exec", map[string]any{"sql": "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)"}).Error).To(BeNil())
		Expect(string(call(p, "sql.run", map[string]any{"sql": "INSERT INTO t (name) VALUES (?)", "args": []any{"a"}}).Result)).
			To(MatchJSON(`{"changes":1,"lastInsertRowid":1}`))
		r := call(p, "sql.batch", map[string]any{"statements": []any{
			map[string]any{"sql": "INSERT INTO t (name) VALUES (?)", "args": []any{"b"}},
			map[string]any{"sql": "INSERT INTO t (name) VALUES (?)", "args": []any{"a"}},
		}})
		Expect(r).To(match.HaveErrorCode("SQL_ERROR"))
		Expect(p.Query("SELECT name FROM t ORDER BY id")).To(MatchJSON(`[{"name":"a"}]`), "the failed batch left nothing behind")
		Expect(string(call(p, "sql.query", map[string]any{"sql": "PRAGMA journal_mode"}).Result)).To(MatchJSON(`[{"journal_mode":"wal"}]`))
		Expect(filepath.Join(p.DataDir(), "plugin.db")).To(BeAnExistingFile())
	})

	It("refuses statements that reach beyond the plugin's database, with no effect (SQL-6)", func() {
		outside := filepath.Join(GinkgoT().TempDir(), "elsewhere.db")
		for _, sql := range []string{"ATTACH DATABASE '" + outside + "' AS x", "VACUUM INTO '" + outside + "'", "PRAGMA journal_mode=DELETE"} {
			Expect(call(p, "sql.exec", map[string]any{"sql": sql})).To(match.HaveErrorCode("PERMISSION_DENIED"), sql)
		}
		_, err := os.Stat(outside)
		Expect(os.IsNotExist(err)).To(BeTrue(), "a refused statement created a file")
		Expect(string(call(p, "sql.query", map[string]any{"sql": "PRAGMA journal_mode"}).Result)).To(ContainSubstring("wal"))
	})

	It("keeps KV in the _kv table (KV-1..KV-3)", func() {
		for _, kv := range [][2]string{{"config:a", "1"}, {"config:b", "2"}, {"other", "3"}} {
			Expect(call(p, "kv.set", map[string]any{"key": kv[0], "value": kv[1]}).Error).To(BeNil())
		}
		Expect(string(call(p, "kv.list", map[string]any{"prefix": "config:"}).Result)).
			To(MatchJSON(`[{"key":"config:a","value":"1"},{"key":"config:b","value":"2"}]`))
		Expect(string(call(p, "kv.getMany", map[string]any{"keys": []any{"other", "missing"}}).Result)).To(MatchJSON(`{"other":"3","missing":null}`))
		Expect(p.Query("SELECT count(*) AS n FROM _kv")).To(MatchJSON(`[{"n":3}]`))
		Expect(call(p, "kv.delete", map[string]any{"key": "other"}).Error).To(BeNil())
		Expect(p.KV("other")).Error().NotTo(HaveOccurred())
		_, set, _ := p.KV("other")
		Expect(set).To(BeFalse())
	})

	Describe("cross-plugin reads (READ-1..READ-4)", func() {
		BeforeEach(func() {
			shelf := w.load(fakeManifest("minimal"), map[string]any{
				"slug": "shelf", "backend": nil,
				"public_schema": map[string]any{"books": map[string]any{"columns": []any{"id", "title"}}},
			})
			Expect(shelf.Exec("CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT, secret TEXT); INSERT INTO books VALUES (1, 'Dune', 'x'), (2, 'Emma', 'y'); CREATE TABLE hidden (v TEXT)")).To(Succeed())
		})

		It("reads published columns through the builder", func() {
			r := call(p, "read", map[string]any{"plugin": "shelf", "table": "books",
				"where": []any{map[string]any{"column": "id", "op": ">", "value": 1}}, "order_by": []any{map[string]any{"column": "title", "dir": "asc"}}})
			Expect(r.Error).To(BeNil())
			Expect(string(r.Result)).To(MatchJSON(`[{"id":2,"title":"Emma"}]`))
		})

		It("refuses unpublished columns and tables, and undeclared capabilities", func() {
			Expect(call(p, "read", map[string]any{"plugin": "shelf", "table": "books", "select": []any{"secret"}})).To(match.HaveErrorCode("PERMISSION_DENIED"))
			Expect(errorCode(callResult(p, "data.read", map[string]any{"plugin": "shelf", "table": "hidden"}))).To(Equal("PERMISSION_DENIED"), "no capability for it")
			Expect(call(p, "read", map[string]any{"plugin": "nobody", "table": "books"})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		})

		It("offers no way to write another plugin's data", func() {
			Expect(call(p, "sql.exec", map[string]any{"sql": "ATTACH DATABASE '" + filepath.Join(w.rt.DataDir(), "plugins", "shelf", "plugin.db") + "' AS shelf"})).
				To(match.HaveErrorCode("PERMISSION_DENIED"))
			out := callResult(p, "data.read", map[string]any{"plugin": "shelf", "table": "books", "op": "insert", "values": map[string]any{"title": "x"}})
			Expect(out).To(HaveKey("result"), "data.read has no write operation: extra members are ignored and it reads")
			Expect(shelfRows(w)).To(MatchJSON(`[{"n":2}]`))
		})
	})
})

func shelfRows(w *world) (json.RawMessage, error) {
	return w.rt.Plugin("shelf").Query("SELECT count(*) AS n FROM books")
}
