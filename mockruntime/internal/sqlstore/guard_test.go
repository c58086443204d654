package sqlstore_test

import (
	"context"
	"fmt"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
)

var _ = Describe("The statement guard (SQL-6)", func() {
	ctx := context.Background()
	var (
		db     *sqlstore.DB
		path   string
		folder string
	)

	BeforeEach(func() {
		db, path = openTestDB()
		folder = filepath.Dir(path)
		mustExec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v); INSERT INTO t (v) VALUES ('kept')")
	})

	// unchanged checks that a refused statement left the database as it was
	// and created no file.
	unchanged := func(filesBefore []string) {
		GinkgoHelper()
		Expect(queryJSON(db, "SELECT id, v FROM t")).To(Equal(`[{"id":1,"v":"kept"}]`))
		Expect(queryJSON(db, "PRAGMA journal_mode")).To(Equal(`[{"journal_mode":"wal"}]`))
		Expect(queryJSON(db, "PRAGMA foreign_keys")).To(Equal(`[{"foreign_keys":1}]`))
		Expect(queryJSON(db, "PRAGMA user_version")).To(Equal(`[{"user_version":0}]`))
		Expect(folderEntries(path)).To(ConsistOf(filesBefore))
	}

	type refusalCase struct {
		sql    func(folder string) string
		action string
	}
	fixed := func(sql string) func(string) string { return func(string) string { return sql } }
	inFolder := func(format string) func(string) string {
		return func(folder string) string { return fmt.Sprintf(format, filepath.Join(folder, "copy.db")) }
	}

	refusals := []TableEntry{
		Entry("ATTACH of another file", refusalCase{inFolder("ATTACH DATABASE '%s' AS other"), "ATTACH"}),
		Entry("ATTACH of a temporary database", refusalCase{fixed("ATTACH '' AS scratch"), "ATTACH"}),
		Entry("ATTACH of memory", refusalCase{fixed("ATTACH ':memory:' AS scratch"), "ATTACH"}),
		Entry("DETACH", refusalCase{fixed("DETACH DATABASE main"), "DETACH"}),
		Entry("VACUUM INTO", refusalCase{inFolder("VACUUM INTO '%s'"), "VACUUM INTO"}),
		Entry("VACUUM schema INTO, with comments", refusalCase{inFolder(`VACUUM/*x*/"main"--y` + "\n" + `INTO '%s'`), "VACUUM INTO"}),
		Entry("load_extension", refusalCase{fixed("SELECT load_extension('/tmp/none.so')"), "load_extension"}),
		Entry("a journal mode change", refusalCase{fixed("PRAGMA journal_mode=DELETE"), "PRAGMA journal_mode"}),
		Entry("writable_schema", refusalCase{fixed("PRAGMA writable_schema=1"), "PRAGMA writable_schema"}),
		Entry("a user_version change", refusalCase{fixed("PRAGMA main.user_version = 5"), "PRAGMA user_version"}),
		Entry("turning foreign keys off", refusalCase{fixed("PRAGMA foreign_keys=OFF"), "PRAGMA foreign_keys"}),
		Entry("a PRAGMA outside the allowlist", refusalCase{fixed("PRAGMA cache_size"), "PRAGMA cache_size"}),
		Entry("a PRAGMA as a table function", refusalCase{fixed("SELECT * FROM pragma_compile_options"), "PRAGMA compile_options"}),
		Entry("BEGIN", refusalCase{fixed("BEGIN IMMEDIATE"), "BEGIN"}),
		Entry("COMMIT", refusalCase{fixed("COMMIT"), "COMMIT"}),
		Entry("SAVEPOINT", refusalCase{fixed("SAVEPOINT s"), "SAVEPOINT"}),
	}

	DescribeTable("refuses through exec, leaving no effect and no file",
		func(c refusalCase) {
			before := folderEntries(path)
			Expect(db.Exec(ctx, c.sql(folder))).To(refused(c.action))
			unchanged(before)
		}, refusals)

	DescribeTable("refuses through run and query",
		func(c refusalCase) {
			before := folderEntries(path)
			_, err := db.Run(ctx, c.sql(folder), nil)
			Expect(err).To(refused(c.action))
			_, err = db.Query(ctx, c.sql(folder), nil)
			Expect(err).To(refused(c.action))
			unchanged(before)
		}, refusals)

	DescribeTable("refuses inside a batch, naming the statement and undoing the others",
		func(c refusalCase) {
			before := folderEntries(path)
			_, err := db.Batch(ctx, []sqlstore.Statement{
				{SQL: "UPDATE t SET v = 'changed'"},
				{SQL: c.sql(folder)},
			})
			Expect(err).To(refused(c.action))
			Expect(err).To(beWireError("PERMISSION_DENIED", map[string]any{"index": 1}))
			unchanged(before)
		}, refusals)

	It("undoes the statements before a refused one in a script", func() {
		before := folderEntries(path)
		err := db.Exec(ctx, "UPDATE t SET v = 'changed'; INSERT INTO t (v) VALUES ('new'); ATTACH '"+filepath.Join(folder, "x.db")+"' AS x")
		Expect(err).To(refused("ATTACH"))
		unchanged(before)
		_, err = db.Run(ctx, "UPDATE t SET v = 'changed'; PRAGMA journal_mode=DELETE", nil)
		Expect(err).To(refused("PRAGMA journal_mode"))
		unchanged(before)
	})

	It("refuses VACUUM INTO anywhere in a script before anything runs", func() {
		before := folderEntries(path)
		err := db.Exec(ctx, "UPDATE t SET v = 'changed'; VACUUM INTO '"+filepath.Join(folder, "x.db")+"'")
		Expect(err).To(refused("VACUUM INTO"))
		unchanged(before)
	})

	DescribeTable("allows reading the plugin's own schema",
		func(sql string) {
			_, err := db.Query(ctx, sql, nil)
			Expect(err).NotTo(HaveOccurred())
		},
		Entry(nil, "PRAGMA table_info(t)"),
		Entry(nil, "PRAGMA main.table_xinfo('t')"),
		Entry(nil, "PRAGMA index_list(t)"),
		Entry(nil, "PRAGMA foreign_key_list(t)"),
		Entry(nil, "PRAGMA user_version"),
		Entry(nil, "PRAGMA foreign_keys"),
		Entry(nil, "PRAGMA journal_mode"),
		Entry(nil, "SELECT name FROM pragma_table_info('t')"),
		Entry(nil, "SELECT name FROM sqlite_schema"),
	)

	It("keeps the plugin's own statements apart from the runtime's on shared connections", func() {
		for range 20 {
			Expect(db.Exec(ctx, "ATTACH 'x' AS x")).To(refused("ATTACH"))
			Expect(db.KVSet(ctx, "k", "v")).To(Succeed())
			_, err := db.Batch(ctx, []sqlstore.Statement{{SQL: "UPDATE t SET v = v"}})
			Expect(err).NotTo(HaveOccurred())
		}
	})
})
