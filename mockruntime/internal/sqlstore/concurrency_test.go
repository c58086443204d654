package sqlstore_test

import (
	"context"
	"fmt"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
)

var _ = Describe("Concurrent use", func() {
	ctx := context.Background()

	It("serves many goroutines at once, keeping refusals and results apart", func() {
		db, path := openTestDB()
		mustExec(db, "CREATE TABLE t (worker INTEGER, n INTEGER)")
		reader, err := sqlstore.OpenReadOnly(path)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(reader.Close)

		const workers, rounds = 6, 25
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				defer GinkgoRecover()
				for n := range rounds {
					workRound(ctx, db, reader, w, n)
				}
			})
		}
		wg.Wait()

		Expect(count(db, "SELECT count(*) FROM t")).To(BeEquivalentTo(workers * rounds * 3))
		pairs, err := db.KVList(ctx, "worker-", 0)
		Expect(err).NotTo(HaveOccurred())
		Expect(pairs).To(HaveLen(workers))
	})
})

// workRound is one worker's mixed round of calls; every answer must be the
// one its own call deserves.
func workRound(ctx context.Context, db, reader *sqlstore.DB, worker, n int) {
	GinkgoHelper()
	_, err := db.Run(ctx, "INSERT INTO t VALUES (?, ?)", []any{worker, n})
	Expect(err).NotTo(HaveOccurred())
	_, err = db.Batch(ctx, []sqlstore.Statement{
		{SQL: "INSERT INTO t VALUES (?, ?)", Args: []any{worker, n}},
		{SQL: "INSERT INTO t VALUES (?, ?)", Args: []any{worker, n}},
	})
	Expect(err).NotTo(HaveOccurred())
	Expect(db.Exec(ctx, "ATTACH 'elsewhere.db' AS x")).To(refused("ATTACH"))

	rows, err := db.Query(ctx, "SELECT count(*) AS c FROM t WHERE worker = ?", []any{worker})
	Expect(err).NotTo(HaveOccurred())
	Expect(rows[0].Values()[0]).To(BeEquivalentTo(3 * (n + 1)))

	key := fmt.Sprintf("worker-%d", worker)
	Expect(db.KVSet(ctx, key, fmt.Sprint(n))).To(Succeed())
	value, ok, err := db.KVGet(ctx, key)
	Expect(err).NotTo(HaveOccurred())
	Expect(ok).To(BeTrue())
	Expect(value).To(Equal(fmt.Sprint(n)))

	_, err = reader.Read(ctx, sqlstore.ReadQuery{
		Table: "t", Select: []string{"n"},
		Where: []sqlstore.Cond{{Column: "worker", Op: "=", Value: worker}},
	})
	Expect(err).NotTo(HaveOccurred())
}
