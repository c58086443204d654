package sqlstore_test

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("data.sql", func() {
	ctx := context.Background()
	var db *sqlstore.DB

	BeforeEach(func() {
		db, _ = openTestDB()
		mustExec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, a, b)")
	})

	Describe("query (SQL-3)", func() {
		It("returns each row as an object in column order", func() {
			mustExec(db, "INSERT INTO t (a, b) VALUES (1, 2)")
			Expect(queryJSON(db, "SELECT b, a FROM t")).To(Equal(`[{"b":2,"a":1}]`))
			Expect(queryJSON(db, "SELECT a, b FROM t")).To(Equal(`[{"a":1,"b":2}]`))
		})

		It("returns every storage class as its JSON form", func() {
			rows, err := db.Query(ctx, `SELECT 9223372036854775807 AS big, -9223372036854775808 AS small,
				2.5 AS real, 'text' AS text, NULL AS none, x'00ff10' AS blob`, nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(rows).To(HaveLen(1))
			Expect(rows[0].Columns()).To(Equal([]string{"big", "small", "real", "text", "none", "blob"}))
			Expect(rows[0].Values()).To(Equal([]any{int64(9223372036854775807), int64(-9223372036854775808), 2.5, "text", nil, "AP8Q"}))
			Expect(marshal(rows)).To(Equal(
				`[{"big":9223372036854775807,"small":-9223372036854775808,"real":2.5,"text":"text","none":null,"blob":"AP8Q"}]`))
		})

		It("gives access to values by column name", func() {
			rows, err := db.Query(ctx, "SELECT 1 AS one, 'two' AS two", nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(rows[0].Len()).To(Equal(2))
			value, ok := rows[0].Get("two")
			Expect(ok).To(BeTrue())
			Expect(value).To(Equal("two"))
			_, ok = rows[0].Get("three")
			Expect(ok).To(BeFalse())
		})

		It("encodes an empty result as an empty array", func() {
			Expect(queryJSON(db, "SELECT * FROM t")).To(Equal(`[]`))
		})

		It("keeps one key per column name, at its first place, with the last value", func() {
			Expect(queryJSON(db, "SELECT 1 AS a, 2 AS b, 3 AS a")).To(Equal(`[{"a":3,"b":2}]`))
		})

		It("writes infinities as null", func() {
			Expect(queryJSON(db, "SELECT 1e999 AS up, -1e999 AS down")).To(Equal(`[{"up":null,"down":null}]`))
		})

		It("refuses text with no statement", func() {
			_, err := db.Query(ctx, " -- nothing here\n;", nil)
			Expect(err).To(beWireError(wire.CodeSQLError, nil))
		})

		It("answers a statement SQLite rejects with SQL_ERROR and its code (SQL-7)", func() {
			_, err := db.Query(ctx, "SELEC 1", nil)
			Expect(err).To(beWireError(wire.CodeSQLError, map[string]any{"sqlite_code": "SQLITE_ERROR", "sqlite_extended_code": 1}))
			Expect(err.Error()).To(ContainSubstring(`near "SELEC"`))
		})

		It("leaves no change behind when a writing query fails", func() {
			_, err := db.Query(ctx, "INSERT INTO t (id) VALUES (1), (1) RETURNING id", nil)
			Expect(err).To(beWireError(wire.CodeSQLError, map[string]any{"sqlite_code": "SQLITE_CONSTRAINT"}))
			Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
		})
	})

	Describe("text in columns declared as dates", func() {
		BeforeEach(func() {
			mustExec(db, `CREATE TABLE events (id INTEGER PRIMARY KEY, at DATETIME, day DATE, stamp TIMESTAMP);
				INSERT INTO events (at, day, stamp) VALUES
					('2024-01-02 10:00:00', '2024-01-02', '2024-01-02T10:00:00.000Z'),
					('2024-01-03 1:02:03', 'not a date', '2024-01-03 10:00:00.50+02:00')`)
		})

		It("comes back exactly as stored", func() {
			Expect(queryJSON(db, "SELECT at, day, stamp FROM events ORDER BY id DESC")).To(Equal(
				`[{"at":"2024-01-03 1:02:03","day":"not a date","stamp":"2024-01-03 10:00:00.50+02:00"},` +
					`{"at":"2024-01-02 10:00:00","day":"2024-01-02","stamp":"2024-01-02T10:00:00.000Z"}]`))
		})

		It("keeps duplicate column names, bound arguments and trailing semicolons working", func() {
			Expect(queryJSON(db, "SELECT e.day, f.day, e.id FROM events e JOIN events f ON f.id = e.id WHERE e.id = ?;  ", num("1"))).
				To(Equal(`[{"day":"2024-01-02","id":1}]`))
		})

		It("is reformatted where the statement cannot be read again", func() {
			Expect(queryJSON(db, "INSERT INTO events (day) VALUES ('2024-05-06') RETURNING day")).
				To(Equal(`[{"day":"2024-05-06 00:00:00+00:00"}]`))
			Expect(count(db, "SELECT count(*) FROM events")).To(BeEquivalentTo(3))
		})
	})

	Describe("argument binding (SQL-2)", func() {
		It("binds null, booleans, numbers and strings", func() {
			Expect(queryJSON(db, "SELECT ? AS n, ? AS t, ? AS f, ? AS i, ? AS r, ? AS s, ? AS big, ? AS e",
				nil, true, false, num("42"), num("1.25"), "str", num("9007199254740993"), num("1e3"))).
				To(Equal(`[{"n":null,"t":1,"f":0,"i":42,"r":1.25,"s":"str","big":9007199254740993,"e":1000}]`))
			Expect(queryJSON(db, "SELECT typeof(?) AS i, typeof(?) AS r, typeof(?) AS huge",
				num("7"), num("7.5"), num("1e300"))).
				To(Equal(`[{"i":"integer","r":"real","huge":"real"}]`))
		})

		It("binds numbered placeholders by their number", func() {
			Expect(queryJSON(db, "SELECT ?2 AS second, ?1 AS first", "a", "b")).To(Equal(`[{"second":"b","first":"a"}]`))
		})

		It("answers a placeholder without an argument with SQL_ERROR", func() {
			_, err := db.Query(ctx, "SELECT ?, ?", []any{"only one"})
			Expect(err).To(beWireError(wire.CodeSQLError, nil))
			_, err = db.Query(ctx, "SELECT :name", []any{"positional"})
			Expect(err).To(beWireError(wire.CodeSQLError, nil))
		})

		It("refuses an object or array argument with INVALID_PARAMS naming its index", func() {
			_, err := db.Run(ctx, "INSERT INTO t (a, b) VALUES (?, ?)", []any{"ok", map[string]any{"x": 1}})
			Expect(err).To(beWireError(wire.CodeInvalidParams, map[string]any{"index": 1, "pointer": "/args/1"}))
			_, err = db.Query(ctx, "SELECT ?", []any{[]any{1}})
			Expect(err).To(beWireError(wire.CodeInvalidParams, map[string]any{"index": 0}))
			Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
		})
	})

	Describe("run (SQL-4)", func() {
		It("returns the rows changed and the last inserted rowid", func() {
			first, err := db.Run(ctx, "INSERT INTO t (a) VALUES (?)", []any{"x"})
			Expect(err).NotTo(HaveOccurred())
			Expect(first).To(Equal(sqlstore.RunResult{Changes: 1, LastInsertRowid: 1}))
			second, err := db.Run(ctx, "INSERT INTO t (id, a) VALUES (41, 'y'), (42, 'z')", nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(second).To(Equal(sqlstore.RunResult{Changes: 2, LastInsertRowid: 42}))
			updated, err := db.Run(ctx, "UPDATE t SET b = 1", nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(updated.Changes).To(BeEquivalentTo(3))
			Expect(marshal(updated)).To(MatchJSON(`{"changes":3,"lastInsertRowid":42}`))
		})

		It("runs text with several statements all or nothing", func() {
			_, err := db.Run(ctx, "INSERT INTO t (id) VALUES (1); INSERT INTO t (id) VALUES (1)", nil)
			Expect(err).To(beWireError(wire.CodeSQLError, map[string]any{"sqlite_code": "SQLITE_CONSTRAINT"}))
			Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
		})
	})

	Describe("exec", func() {
		It("runs several statements", func() {
			Expect(db.Exec(ctx, `CREATE TABLE x (v); INSERT INTO x VALUES (1);
				-- a comment; with a semicolon
				INSERT INTO x VALUES (';'); CREATE TRIGGER keep AFTER INSERT ON x BEGIN INSERT INTO t (a) VALUES (NEW.v); END;`)).To(Succeed())
			mustExec(db, "INSERT INTO x VALUES (3)")
			Expect(count(db, "SELECT count(*) FROM x")).To(BeEquivalentTo(3))
			Expect(queryJSON(db, "SELECT a FROM t")).To(Equal(`[{"a":3}]`))
		})

		It("applies none of the statements when one fails", func() {
			err := db.Exec(ctx, "CREATE TABLE y (v); INSERT INTO y VALUES (1); INSERT INTO nowhere VALUES (2)")
			Expect(err).To(beWireError(wire.CodeSQLError, nil))
			Expect(queryJSON(db, "SELECT name FROM sqlite_schema WHERE name = 'y'")).To(Equal(`[]`))
		})

		It("runs a plain VACUUM", func() {
			mustExec(db, "INSERT INTO t (a) VALUES (1); DELETE FROM t")
			Expect(db.Exec(ctx, "VACUUM")).To(Succeed())
			_, err := db.Run(ctx, "VACUUM main;", nil)
			Expect(err).NotTo(HaveOccurred())
		})

		It("accepts text with no statement", func() {
			Expect(db.Exec(ctx, "  /* nothing */ ; ")).To(Succeed())
		})
	})

	Describe("batch (SQL-5)", func() {
		It("runs every statement and answers one result per statement", func() {
			results, err := db.Batch(ctx, []sqlstore.Statement{
				{SQL: "INSERT INTO t (a) VALUES (?)", Args: []any{"x"}},
				{SQL: "INSERT INTO t (a) VALUES (?)", Args: []any{"y"}},
				{SQL: "DELETE FROM t WHERE a = 'x'"},
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(results).To(Equal([]sqlstore.RunResult{
				{Changes: 1, LastInsertRowid: 1}, {Changes: 1, LastInsertRowid: 2}, {Changes: 1, LastInsertRowid: 2},
			}))
		})

		It("repeats a statement with each argument list, across schema changes", func() {
			insert := "INSERT INTO later (v) VALUES (?)"
			results, err := db.Batch(ctx, []sqlstore.Statement{
				{SQL: "CREATE TABLE later (v)"},
				{SQL: insert, Args: []any{num("1")}},
				{SQL: insert, Args: []any{"two"}},
				{SQL: "ALTER TABLE later ADD COLUMN w DEFAULT 'x'"},
				{SQL: insert, Args: []any{nil}},
			})
			Expect(err).NotTo(HaveOccurred())
			Expect(results[4]).To(Equal(sqlstore.RunResult{Changes: 1, LastInsertRowid: 3}))
			Expect(queryJSON(db, "SELECT v, w FROM later")).To(Equal(`[{"v":1,"w":"x"},{"v":"two","w":"x"},{"v":null,"w":"x"}]`))
		})

		It("leaves nothing behind when a statement fails, and names its index", func() {
			_, err := db.Batch(ctx, []sqlstore.Statement{
				{SQL: "INSERT INTO t (id, a) VALUES (1, 'first')"},
				{SQL: "INSERT INTO t (id, a) VALUES (1, 'again')"},
				{SQL: "INSERT INTO t (id, a) VALUES (3, 'never')"},
			})
			Expect(err).To(beWireError(wire.CodeSQLError, map[string]any{"index": 1, "sqlite_code": "SQLITE_CONSTRAINT"}))
			Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
		})

		It("checks every statement's arguments before running any", func() {
			_, err := db.Batch(ctx, []sqlstore.Statement{
				{SQL: "INSERT INTO t (a) VALUES (?)", Args: []any{"fine"}},
				{SQL: "INSERT INTO t (a) VALUES (?, ?)", Args: []any{"fine", []any{}}},
			})
			Expect(err).To(beWireError(wire.CodeInvalidParams, map[string]any{"index": 1, "pointer": "/statements/1/args/1"}))
			Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
		})

		It("refuses a statement with no SQL, naming its index", func() {
			_, err := db.Batch(ctx, []sqlstore.Statement{{SQL: "INSERT INTO t (a) VALUES (1)"}, {SQL: ""}})
			Expect(err).To(beWireError(wire.CodeSQLError, map[string]any{"index": 1}))
			Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
		})
	})
})

var _ = Describe("The zero Row", func() {
	It("has no columns and encodes as an empty object", func() {
		var r sqlstore.Row
		Expect(r.Columns()).To(BeEmpty())
		Expect(r.Len()).To(BeZero())
		_, ok := r.Get("a")
		Expect(ok).To(BeFalse())
		Expect(marshal(r)).To(Equal(`{}`))
	})
})
