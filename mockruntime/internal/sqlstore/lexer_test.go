package sqlstore_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
)

var _ = Describe("Scanning SQL text before it runs", func() {
	DescribeTable("counts statements, never fewer than SQLite sees",
		func(text string, statements int) {
			Expect(sqlstore.ShapeOf(text).Statements).To(Equal(statements))
		},
		Entry("nothing", "", 0),
		Entry("only comments and semicolons", " -- c ; \n /* ; */ ;; ", 0),
		Entry("one", "SELECT 1", 1),
		Entry("one with a trailing semicolon", "SELECT 1;  ", 1),
		Entry("one with a trailing comment", "SELECT 1; -- done", 1),
		Entry("two", "SELECT 1; SELECT 2", 2),
		Entry("semicolons in strings", `SELECT 'a;b', "c;d", `+"`e;f`"+`, [g;h]`, 1),
		Entry("doubled quotes", `SELECT 'it''s;', "a""b;"`, 1),
		Entry("semicolons in comments", "SELECT 1 -- ; SELECT 2\n/* ; */", 1),
		Entry("a comment closing at once is not closed", "SELECT 1 /*/ ; SELECT 2 */", 1),
		Entry("an unterminated string", "SELECT 'a; SELECT 2", 1),
		Entry("an unterminated comment", "SELECT 1 /* ; SELECT 2", 1),
		Entry("a NUL byte ends the text", "SELECT 1\x00; SELECT 2", 1),
		Entry("a blob literal", "SELECT x';'", 1),
		Entry("a trigger body counts its inner statements", "CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END", 2),
	)

	DescribeTable("finds VACUUM and VACUUM INTO",
		func(text string, vacuum, into bool) {
			shape := sqlstore.ShapeOf(text)
			Expect(shape.Vacuum).To(Equal(vacuum))
			Expect(shape.VacuumInto).To(Equal(into))
		},
		Entry(nil, "VACUUM", true, false),
		Entry(nil, "vacuum main", true, false),
		Entry(nil, "VACUUM INTO 'x'", true, true),
		Entry(nil, "  vacuum \"main\" into ?", true, true),
		Entry(nil, "VACUUM/**/[main]/**/INTO'x'", true, true),
		Entry(nil, "SELECT 1; VACUUM INTO 'x'", true, true),
		Entry(nil, "SELECT 'VACUUM INTO'", false, false),
		Entry(nil, "SELECT vacuum FROM into_table", false, false),
		Entry(nil, "EXPLAIN VACUUM INTO 'x'", false, false),
	)
})

var _ = Describe("Recognising plain reads", func() {
	DescribeTable("marks text whose every statement starts with SELECT or VALUES",
		func(text string, selects bool) {
			Expect(sqlstore.ShapeOf(text).Selects).To(Equal(selects))
		},
		Entry(nil, "SELECT 1", true),
		Entry(nil, " /* c */ select 1;", true),
		Entry(nil, "VALUES (1), (2)", true),
		Entry(nil, "SELECT 1; SELECT 2", true),
		Entry(nil, "SELECT 1; DELETE FROM t", false),
		Entry(nil, "WITH x AS (SELECT 1) DELETE FROM t", false),
		Entry(nil, "INSERT INTO t SELECT 1 RETURNING *", false),
		Entry(nil, "(SELECT 1)", false),
	)
})
