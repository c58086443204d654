package sqlstore_test

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("data.read (READ-2, READ-3)", func() {
	ctx := context.Background()
	var reader *sqlstore.DB

	BeforeEach(func() {
		owner, path := openTestDB()
		mustExec(owner, `CREATE TABLE entries (id INTEGER PRIMARY KEY, author TEXT, score REAL, at DATETIME, secret TEXT);
			INSERT INTO entries (author, score, at, secret) VALUES
				('ann', 1.5, '2024-01-02', 's1'),
				('bob', 2.5, '2024-01-03 10:00:00', 's2'),
				('cy', NULL, 'later', 's3'),
				('dee', 4.0, NULL, 's4')`)
		var err error
		reader, err = sqlstore.OpenReadOnly(path)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(reader.Close)
	})

	read := func(q sqlstore.ReadQuery) string {
		GinkgoHelper()
		q.Table = "entries"
		if q.Select == nil {
			q.Select = []string{"id"}
		}
		rows, err := reader.Read(ctx, q)
		Expect(err).NotTo(HaveOccurred())
		return marshal(rows)
	}
	where := func(op string, value any) sqlstore.ReadQuery {
		return sqlstore.ReadQuery{Where: []sqlstore.Cond{{Column: "score", Op: op, Value: value}}}
	}

	It("returns the selected columns in the order given", func() {
		Expect(read(sqlstore.ReadQuery{Select: []string{"author", "id"}, Limit: 2})).
			To(Equal(`[{"author":"ann","id":1},{"author":"bob","id":2}]`))
	})

	It("returns text of date-typed columns as stored", func() {
		Expect(read(sqlstore.ReadQuery{Select: []string{"at"}})).
			To(Equal(`[{"at":"2024-01-02"},{"at":"2024-01-03 10:00:00"},{"at":"later"},{"at":null}]`))
	})

	DescribeTable("filters with each operator",
		func(q sqlstore.ReadQuery, want string) {
			Expect(read(q)).To(Equal(want))
		},
		Entry("=", where("=", num("2.5")), `[{"id":2}]`),
		Entry("!=", where("!=", num("2.5")), `[{"id":1},{"id":4}]`),
		Entry("<", where("<", num("2.5")), `[{"id":1}]`),
		Entry("<=", where("<=", num("2.5")), `[{"id":1},{"id":2}]`),
		Entry(">", where(">", num("2.5")), `[{"id":4}]`),
		Entry(">=", where(">=", num("2.5")), `[{"id":2},{"id":4}]`),
		Entry("in", where("in", []any{num("1.5"), num("4")}), `[{"id":1},{"id":4}]`),
		Entry("in with no values", where("in", []any{}), `[]`),
		Entry("= null", where("=", nil), `[{"id":3}]`),
		Entry("!= null", where("!=", nil), `[{"id":1},{"id":2},{"id":4}]`),
		Entry("several conditions", sqlstore.ReadQuery{Where: []sqlstore.Cond{
			{Column: "score", Op: ">", Value: num("1")},
			{Column: "author", Op: "!=", Value: "bob"},
		}}, `[{"id":1},{"id":4}]`),
	)

	It("orders, limits and offsets", func() {
		Expect(read(sqlstore.ReadQuery{OrderBy: []sqlstore.Order{{Column: "author", Desc: true}}, Limit: 2, Offset: 1})).
			To(Equal(`[{"id":3},{"id":2}]`))
		Expect(read(sqlstore.ReadQuery{OrderBy: []sqlstore.Order{{Column: "score"}, {Column: "id", Desc: true}}})).
			To(Equal(`[{"id":3},{"id":1},{"id":2},{"id":4}]`))
	})

	It("returns 100 rows when no limit is given", func() {
		owner, path := openTestDB()
		mustExec(owner, `CREATE TABLE many (n INTEGER);
			WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 150) INSERT INTO many SELECT n FROM c`)
		many, err := sqlstore.OpenReadOnly(path)
		Expect(err).NotTo(HaveOccurred())
		defer many.Close()
		rows, err := many.Read(ctx, sqlstore.ReadQuery{Table: "many", Select: []string{"n"}})
		Expect(err).NotTo(HaveOccurred())
		Expect(rows).To(HaveLen(sqlstore.DefaultReadLimit))
	})

	It("quotes identifiers with odd characters safely", func() {
		owner, path := openTestDB()
		mustExec(owner, `CREATE TABLE "we""ird; tab.le" ("co""l; DROP TABLE x;--" TEXT, "select" INTEGER);
			INSERT INTO "we""ird; tab.le" VALUES ('v', 1)`)
		odd, err := sqlstore.OpenReadOnly(path)
		Expect(err).NotTo(HaveOccurred())
		defer odd.Close()
		rows, err := odd.Read(ctx, sqlstore.ReadQuery{
			Table:   `we"ird; tab.le`,
			Select:  []string{`co"l; DROP TABLE x;--`, "select"},
			Where:   []sqlstore.Cond{{Column: "select", Op: "=", Value: num("1")}},
			OrderBy: []sqlstore.Order{{Column: `co"l; DROP TABLE x;--`}},
		})
		Expect(err).NotTo(HaveOccurred())
		Expect(marshal(rows)).To(Equal(`[{"co\"l; DROP TABLE x;--":"v","select":1}]`))
	})

	It("binds values, so text that looks like SQL is only text", func() {
		Expect(read(sqlstore.ReadQuery{Where: []sqlstore.Cond{{Column: "author", Op: "=", Value: "ann' OR '1'='1"}}})).To(Equal(`[]`))
	})

	DescribeTable("refuses malformed queries with INVALID_PARAMS",
		func(q sqlstore.ReadQuery, pointer string) {
			q.Table = "entries"
			_, err := reader.Read(ctx, q)
			Expect(err).To(beWireError(wire.CodeInvalidParams, map[string]any{"pointer": pointer}))
		},
		Entry("no columns", sqlstore.ReadQuery{}, "/select"),
		Entry("an empty column name", sqlstore.ReadQuery{Select: []string{"id", ""}}, "/select/1"),
		Entry("a NUL in a name", sqlstore.ReadQuery{Select: []string{"id"}, OrderBy: []sqlstore.Order{{Column: "a\x00b"}}}, "/order_by/0/column"),
		Entry("an unknown operator", sqlstore.ReadQuery{Select: []string{"id"}, Where: []sqlstore.Cond{{Column: "id", Op: "LIKE", Value: "x"}}}, "/where/0/op"),
		Entry("an object value", sqlstore.ReadQuery{Select: []string{"id"}, Where: []sqlstore.Cond{{Column: "id", Op: "=", Value: map[string]any{}}}}, "/where/0/value"),
		Entry("in without an array", sqlstore.ReadQuery{Select: []string{"id"}, Where: []sqlstore.Cond{{Column: "id", Op: "in", Value: num("1")}}}, "/where/0/value"),
		Entry("an array inside in", sqlstore.ReadQuery{Select: []string{"id"}, Where: []sqlstore.Cond{{Column: "id", Op: "in", Value: []any{[]any{}}}}}, "/where/0/value/0"),
		Entry("a negative offset", sqlstore.ReadQuery{Select: []string{"id"}, Offset: -1}, "/offset"),
	)

	It("answers an unknown table with SQL_ERROR", func() {
		_, err := reader.Read(ctx, sqlstore.ReadQuery{Table: "nope", Select: []string{"id"}})
		Expect(err).To(beWireError(wire.CodeSQLError, nil))
	})
})
