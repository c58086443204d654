package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
)

// The benchmarks compare each operation through DB with the same operation
// on bare SQLite (database/sql and modernc.org/sqlite, WAL,
// synchronous=NORMAL) in the same run. ns/op is per row; rows/s is its
// inverse.

const benchSchema = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL)"

func bareDB(b *testing.B) *sql.DB {
	b.Helper()
	u := url.URL{Scheme: "file", Path: filepath.Join(b.TempDir(), "bare.db"),
		RawQuery: "_journal_mode=WAL&_synchronous=NORMAL&_busy_timeout=5000&_foreign_keys=1"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Exec(benchSchema); err != nil {
		b.Fatal(err)
	}
	return db
}

func storeDB(b *testing.B) *sqlstore.DB {
	b.Helper()
	db, err := sqlstore.Open(filepath.Join(b.TempDir(), "store.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := db.Exec(context.Background(), benchSchema); err != nil {
		b.Fatal(err)
	}
	return db
}

func reportRows(b *testing.B) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func check(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkInsertAutocommit(b *testing.B) {
	ctx := context.Background()
	b.Run("bare", func(b *testing.B) {
		db := bareDB(b)
		for b.Loop() {
			_, err := db.ExecContext(ctx, "INSERT INTO t (name, score) VALUES (?, ?)", "name", 1.5)
			check(b, err)
		}
		reportRows(b)
	})
	b.Run("store", func(b *testing.B) {
		db := storeDB(b)
		args := []any{"name", json.Number("1.5")}
		for b.Loop() {
			_, err := db.Run(ctx, "INSERT INTO t (name, score) VALUES (?, ?)", args)
			check(b, err)
		}
		reportRows(b)
	})
}

const batchSize = 100

func BenchmarkInsertBatch100(b *testing.B) {
	ctx := context.Background()
	b.Run("bare", func(b *testing.B) {
		db := bareDB(b)
		for i := 0; i < b.N; i += batchSize {
			tx, err := db.BeginTx(ctx, nil)
			check(b, err)
			for range min(batchSize, b.N-i) {
				_, err = tx.ExecContext(ctx, "INSERT INTO t (name, score) VALUES (?, ?)", "name", 1.5)
				check(b, err)
			}
			check(b, tx.Commit())
		}
		reportRows(b)
	})
	b.Run("store", func(b *testing.B) {
		db := storeDB(b)
		stmts := make([]sqlstore.Statement, batchSize)
		for i := range stmts {
			stmts[i] = sqlstore.Statement{SQL: "INSERT INTO t (name, score) VALUES (?, ?)", Args: []any{"name", json.Number("1.5")}}
		}
		for i := 0; i < b.N; i += batchSize {
			_, err := db.Batch(ctx, stmts[:min(batchSize, b.N-i)])
			check(b, err)
		}
		reportRows(b)
	})
}

const selectRows = 1000

func BenchmarkPointSelect(b *testing.B) {
	ctx := context.Background()
	fill := "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 1000) INSERT INTO t (name, score) SELECT 'name' || n, n / 2.0 FROM c"
	b.Run("bare", func(b *testing.B) {
		db := bareDB(b)
		_, err := db.Exec(fill)
		check(b, err)
		var (
			id    int64
			name  string
			score float64
		)
		n := 0
		for b.Loop() {
			n++
			err := db.QueryRowContext(ctx, "SELECT id, name, score FROM t WHERE id = ?", n%selectRows+1).Scan(&id, &name, &score)
			check(b, err)
		}
		reportRows(b)
	})
	b.Run("store", func(b *testing.B) {
		db := storeDB(b)
		check(b, db.Exec(ctx, fill))
		n := 0
		for b.Loop() {
			n++
			rows, err := db.Query(ctx, "SELECT id, name, score FROM t WHERE id = ?", []any{n%selectRows + 1})
			check(b, err)
			if len(rows) != 1 {
				b.Fatalf("got %d rows", len(rows))
			}
		}
		reportRows(b)
	})
}
