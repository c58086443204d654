package mockruntime

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/conform-dev/conform/mockruntime/service"
)

// Seed is data the host puts into a plugin's own storage before or while
// it runs, as a test fixture: SQL run first, then rows inserted, then KV
// pairs set. A plain value.
type Seed struct {
	SQL  string                      // statements run as one exec (tables, rows)
	Rows map[string][]map[string]any // table -> rows, each column -> value, inserted in one transaction per table
	KV   map[string]string           // key -> value in the plugin's KV store
}

// seedBatch is how many rows go in one batch.
const seedBatch = 1000

// Seed puts s into the plugin's own database and KV store, as the host:
// no capability is needed, but the statement rules a plugin's SQL meets
// (SQL-6: no ATTACH, no extensions) still apply, so seeding reaches
// nothing beyond the plugin's own database. Rows of one table go in
// batches of 1,000, each one transaction; a failing row fails Seed naming
// its table and index. Safe for concurrent use with the plugin running.
func (p *Plugin) Seed(ctx context.Context, s Seed) error {
	if strings.TrimSpace(s.SQL) != "" || len(s.Rows) > 0 {
		db, err := p.rt.hub.data.DatabaseFor(p.handle)
		if err != nil {
			return err
		}
		if strings.TrimSpace(s.SQL) != "" {
			if err := db.Exec(ctx, s.SQL); err != nil {
				return fmt.Errorf("seed sql: %w", err)
			}
		}
		for _, table := range sortedTables(s.Rows) {
			if err := seedRows(ctx, db, table, s.Rows[table]); err != nil {
				return err
			}
		}
	}
	if len(s.KV) == 0 {
		return nil
	}
	kv, err := p.rt.hub.data.KVFor(p.handle)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(s.KV))
	for k := range s.KV {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := kv.Set(ctx, k, s.KV[k]); err != nil {
			return fmt.Errorf("seed kv %q: %w", k, err)
		}
	}
	return nil
}

func sortedTables(rows map[string][]map[string]any) []string {
	tables := make([]string, 0, len(rows))
	for t := range rows {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	return tables
}

// seedRows inserts rows into table in batches.
func seedRows(ctx context.Context, db service.Database, table string, rows []map[string]any) error {
	for start := 0; start < len(rows); start += seedBatch {
		end := min(start+seedBatch, len(rows))
		stmts := make([]service.Statement, 0, end-start)
		for _, row := range rows[start:end] {
			stmts = append(stmts, insertStatement(table, row))
		}
		if _, err := db.Batch(ctx, stmts); err != nil {
			return fmt.Errorf("seed rows of %s (rows %d to %d): %w", table, start, end-1, err)
		}
	}
	return nil
}

// insertStatement is the INSERT of one row, names quoted as identifiers.
func insertStatement(table string, row map[string]any) service.Statement {
	cols := make([]string, 0, len(row))
	for c := range row {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	quoted := make([]string, len(cols))
	args := make([]any, len(cols))
	for i, c := range cols {
		quoted[i], args[i] = quoteIdent(c), row[c]
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	if len(cols) == 0 {
		return service.Statement{SQL: "INSERT INTO " + quoteIdent(table) + " DEFAULT VALUES"}
	}
	return service.Statement{SQL: fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", quoteIdent(table), strings.Join(quoted, ", "), marks), Args: args}
}

func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
