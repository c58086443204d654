package data

import (
	"context"

	"github.com/conform-dev/conform/mockruntime/service"
)

// SQL serves data.sql on the plugin's own database (§9.2).
func (s *Stores) SQL(ctx context.Context, c *service.Call) (any, error) {
	db, err := s.DatabaseFor(c.Plugin)
	if err != nil {
		return nil, err
	}
	sql, _ := c.Params["sql"].(string)
	args, _ := c.Params["args"].([]any)
	switch c.Op {
	case "query":
		return db.Query(ctx, sql, args)
	case "run":
		return db.Run(ctx, sql, args)
	case "exec":
		return nil, db.Exec(ctx, sql)
	case "batch":
		return db.Batch(ctx, statements(c.Params["statements"]))
	}
	return nil, service.UnknownOp(c)
}

func statements(v any) []service.Statement {
	list, _ := v.([]any)
	out := make([]service.Statement, len(list))
	for i, item := range list {
		m, _ := item.(map[string]any)
		out[i].SQL, _ = m["sql"].(string)
		out[i].Args, _ = m["args"].([]any)
	}
	return out
}
