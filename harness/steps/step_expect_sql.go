package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime/match"
)

// ExpectSQLArgs are the arguments of expect_sql.
type ExpectSQLArgs struct {
	Plugin string            `json:"plugin"` // a loaded plugin's slug; the plugin under test when left out
	Query  string            `json:"query"`  // a read-only query
	Args   []any             `json:"args"`   // bound to its ? placeholders
	Rows   []any             `json:"rows"`   // a subset pattern over the rows, one per row, in order
	Within scenario.Duration `json:"within"` // default 2s
}

func (a *ExpectSQLArgs) Check(scenario.ParseContext) error {
	return scenario.CheckPattern(a.Rows, "/rows")
}

// ExpectSQL waits until a query on a plugin's own database returns rows
// matching the pattern: the same number of rows, each containing its
// pattern (SQL-3 types: integers and reals as numbers, text as strings,
// NULL as null, blobs as base64).
func ExpectSQL(ctx context.Context, env *Env, a ExpectSQLArgs) error {
	p, err := env.plugin(a.Plugin)
	if err != nil {
		return err
	}
	var got any
	var why string
	err = env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		rows, err := p.Query(a.Query, a.Args...)
		if err != nil {
			return false, fmt.Errorf("expect_sql %q: %w", a.Query, err)
		}
		got = rows
		ok, pointer, reason := match.Subset(a.Rows, rows)
		why = fmt.Sprintf("%s: %s", render.OrRoot(pointer), reason)
		return ok, nil
	})
	if err == errElapsed {
		return &StepFailure{Message: fmt.Sprintf("%q: the rows differ at %s", a.Query, why), Expected: render.ShortJSON(a.Rows), Got: render.ShortJSON(got)}
	}
	return err
}
