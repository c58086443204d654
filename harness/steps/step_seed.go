package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// SeedArgs are the arguments of seed.
type SeedArgs struct {
	SQL  string                      `json:"sql"`  // statements run first
	File string                      `json:"file"` // a .sql file relative to the scenario file, run after sql
	Rows map[string][]map[string]any `json:"rows"` // table -> rows (column -> value), inserted after the SQL
	KV   map[string]string           `json:"kv"`   // key -> value in the plugin's KV store

	fileSQL string // the file's statements, read when the scenario is loaded
}

func (a *SeedArgs) Check(pc scenario.ParseContext) error {
	if a.File == "" {
		return nil
	}
	_, data, err := pc.Read(a.File)
	if err != nil {
		return &scenario.ArgError{Pointer: "/file", Message: fmt.Sprintf("reading %s: %v", a.File, scenario.UnwrapPathError(err))}
	}
	a.fileSQL = string(data)
	return nil
}

// Seed puts fixture data into the plugin's own database and KV store, as
// the host: the SQL (inline, then the file's), then the rows, then the KV
// pairs. It may come before start, so the plugin finds the data at boot,
// or later. The statement rules a plugin meets (SQL-6) still apply.
func Seed(ctx context.Context, env *Env, a SeedArgs) error {
	sql := a.SQL
	if a.fileSQL != "" {
		sql += ";\n" + a.fileSQL
	}
	if err := env.Plugin.Seed(ctx, mockruntime.Seed{SQL: sql, Rows: a.Rows, KV: a.KV}); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	return nil
}
