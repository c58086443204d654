package sqlstore_test

import (
	"context"
	"encoding/json"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/types"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("Result size (SQL-8, SVC-6)", func() {
	ctx := context.Background()
	tooLarge := func(limit int) types.GomegaMatcher {
		return beWireError(wire.CodeResponseTooLarge, map[string]any{"limit": limit})
	}

	It("refuses a query over the default limit of 4,190,208 bytes", func() {
		db, _ := openTestDB()
		mustExec(db, `CREATE TABLE big (body TEXT);
			WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 50)
			INSERT INTO big SELECT printf('%.*c', 100000, 'x') FROM c`)
		_, err := db.Query(ctx, "SELECT body FROM big", nil)
		Expect(err).To(tooLarge(wire.MaxResultBytes))
		rows, err := db.Query(ctx, "SELECT body FROM big LIMIT 41", nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(rows).To(HaveLen(41))
	})

	// exactLength is the encoded length of a query's result, read without a
	// limit.
	exactLength := func(db *sqlstore.DB, text string) int {
		GinkgoHelper()
		rows, err := db.Query(ctx, text, nil)
		Expect(err).NotTo(HaveOccurred())
		b, err := json.Marshal(rows)
		Expect(err).NotTo(HaveOccurred())
		return len(b)
	}

	It("counts the encoding exactly: a result of the limit's size passes, one byte more does not", func() {
		db, path := openTestDB()
		mustExec(db, `CREATE TABLE t (a, b); INSERT INTO t VALUES
			('<tag> & "quotes" \ é €', 1.5e-7), (x'0102ff', -9223372036854775808), (NULL, 1e300)`)
		mustExec(db, "INSERT INTO t VALUES (char(8232, 10, 1), 'line')")
		const text = "SELECT a, b, a AS again FROM t"
		size := exactLength(db, text)

		atLimit, err := sqlstore.Open(path, sqlstore.WithMaxResultBytes(size))
		Expect(err).NotTo(HaveOccurred())
		defer atLimit.Close()
		_, err = atLimit.Query(ctx, text, nil)
		Expect(err).NotTo(HaveOccurred())

		under, err := sqlstore.Open(path, sqlstore.WithMaxResultBytes(size-1))
		Expect(err).NotTo(HaveOccurred())
		defer under.Close()
		_, err = under.Query(ctx, text, nil)
		Expect(err).To(tooLarge(size - 1))
	})

	It("measures text of date-typed columns as stored, not as the driver reformats it", func() {
		db, path := openTestDB()
		mustExec(db, `CREATE TABLE days (day DATE);
			INSERT INTO days VALUES ('2024-01-02'), ('2024-01-03'), ('2024-01-04')`)
		size := exactLength(db, "SELECT day FROM days")
		Expect(size).To(Equal(len(`[{"day":"2024-01-02"},{"day":"2024-01-03"},{"day":"2024-01-04"}]`)))
		atLimit, err := sqlstore.Open(path, sqlstore.WithMaxResultBytes(size))
		Expect(err).NotTo(HaveOccurred())
		defer atLimit.Close()
		_, err = atLimit.Query(ctx, "SELECT day FROM days", nil)
		Expect(err).NotTo(HaveOccurred())
	})

	It("undoes a writing query whose result is too large", func() {
		db, _ := openTestDB(sqlstore.WithMaxResultBytes(64))
		mustExec(db, "CREATE TABLE t (v TEXT)")
		_, err := db.Query(ctx, "INSERT INTO t VALUES (?), (?) RETURNING v", []any{strings.Repeat("a", 40), strings.Repeat("b", 40)})
		Expect(err).To(tooLarge(64))
		Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
	})

	It("limits KV lists and multi-gets exactly", func() {
		db, path := openTestDB()
		for _, k := range []string{"k1", "k2", "k3"} {
			Expect(db.KVSet(ctx, k, strings.Repeat("<v>", 30))).To(Succeed())
		}
		keys := []string{"k1", "k2", "k3", "missing"}
		pairs, err := db.KVList(ctx, "k", 0)
		Expect(err).NotTo(HaveOccurred())
		values, err := db.KVGetMany(ctx, keys)
		Expect(err).NotTo(HaveOccurred())
		listSize, manySize := len(marshal(pairs)), len(marshal(values))

		withLimit := func(limit int) *sqlstore.DB {
			limited, err := sqlstore.Open(path, sqlstore.WithMaxResultBytes(limit))
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(limited.Close)
			return limited
		}
		_, err = withLimit(listSize).KVList(ctx, "k", 0)
		Expect(err).NotTo(HaveOccurred())
		_, err = withLimit(listSize-1).KVList(ctx, "k", 0)
		Expect(err).To(tooLarge(listSize - 1))
		_, err = withLimit(manySize).KVGetMany(ctx, keys)
		Expect(err).NotTo(HaveOccurred())
		_, err = withLimit(manySize-1).KVGetMany(ctx, keys)
		Expect(err).To(tooLarge(manySize - 1))
	})

	It("limits reads", func() {
		owner, path := openTestDB()
		mustExec(owner, "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('0123456789'), ('0123456789')")
		reader, err := sqlstore.OpenReadOnly(path, sqlstore.WithMaxResultBytes(len(`[{"v":"0123456789"}]`)))
		Expect(err).NotTo(HaveOccurred())
		defer reader.Close()
		_, err = reader.Read(ctx, sqlstore.ReadQuery{Table: "t", Select: []string{"v"}, Limit: 1})
		Expect(err).NotTo(HaveOccurred())
		_, err = reader.Read(ctx, sqlstore.ReadQuery{Table: "t", Select: []string{"v"}})
		Expect(err).To(beWireError(wire.CodeResponseTooLarge, nil))
	})
})
