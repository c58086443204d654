package sqlstore_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("A call whose context ends", func() {
	// patience bounds the wait for an interrupted statement to return; it is
	// generous because the machine is shared, and no spec measures it.
	const patience = 30 * time.Second
	// endless never finishes on its own.
	const endless = "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) "

	It("returns the context's error and changes nothing", func() {
		db, _ := openTestDB()
		mustExec(db, "CREATE TABLE t (n INTEGER)")
		ctx, cancel := context.WithCancel(context.Background())
		errs := make(chan error, 3)
		go func() { errs <- db.Exec(ctx, "INSERT INTO t VALUES (0); INSERT INTO t "+endless+"SELECT n FROM c") }()
		go func() {
			_, err := db.Query(ctx, endless+"SELECT count(*) FROM c", nil)
			errs <- err
		}()
		go func() {
			_, err := db.Run(ctx, "INSERT INTO t "+endless+"SELECT n FROM c", nil)
			errs <- err
		}()
		cancel()
		for range 3 {
			Eventually(errs).WithTimeout(patience).Should(Receive(MatchError(context.Canceled)))
		}
		Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
	})

	It("leaves every pooled connection usable and outside any transaction", func() {
		db, _ := openTestDB()
		mustExec(db, "CREATE TABLE t (n INTEGER)")
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- db.Exec(ctx, "INSERT INTO t VALUES (1); INSERT INTO t "+endless+"SELECT n FROM c") }()
		cancel()
		Eventually(done).WithTimeout(patience).Should(Receive(MatchError(context.Canceled)))

		bg := context.Background()
		for range 8 {
			_, err := db.Batch(bg, []sqlstore.Statement{{SQL: "INSERT INTO t VALUES (2)"}})
			Expect(err).NotTo(HaveOccurred())
		}
		Expect(count(db, "SELECT count(*) FROM t")).To(BeEquivalentTo(8))
	})
})

var _ = Describe("The limits every call runs under (SQL-9)", func() {
	const endless = "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) "

	It("interrupts a call past its deadline with SQL_ERROR naming the limit, and the DB stays usable", func() {
		db, _ := openTestDB(sqlstore.WithMaxCallTime(50 * time.Millisecond))
		mustExec(db, "CREATE TABLE t (n INTEGER)")
		_, err := db.Query(context.Background(), endless+"SELECT count(*) FROM c", nil)
		Expect(wire.CodeOf(err)).To(Equal("SQL_ERROR"))
		Expect(err.(*wire.Error).Context).To(HaveKeyWithValue("sqlite_code", "SQLITE_INTERRUPT"))
		Expect(err.(*wire.Error).Context).To(HaveKeyWithValue("limit_ms", int64(50)))
		err = db.Exec(context.Background(), "INSERT INTO t "+endless+"SELECT n FROM c")
		Expect(wire.CodeOf(err)).To(Equal("SQL_ERROR"))
		Expect(count(db, "SELECT count(*) FROM t")).To(BeZero())
	})

	It("refuses a string or BLOB over twice the line cap before allocating it", func() {
		db, _ := openTestDB()
		for _, sql := range []string{
			"SELECT length(randomblob(1000000000)) AS n",
			"SELECT length(zeroblob(9000000)) AS n",
			"SELECT length(printf('%.*c', 9000000, 'x')) AS n",
		} {
			_, err := db.Query(context.Background(), sql, nil)
			Expect(wire.CodeOf(err)).To(Equal("SQL_ERROR"), sql)
			Expect(err.(*wire.Error).Context).To(HaveKeyWithValue("sqlite_code", "SQLITE_TOOBIG"), sql)
			Expect(err.(*wire.Error).Context).To(HaveKeyWithValue("limit", sqlstore.DefaultMaxValueBytes), sql)
		}
		rows, err := db.Query(context.Background(), "SELECT length(zeroblob(5000000)) AS n", nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(rows).To(HaveLen(1))
	})
})
