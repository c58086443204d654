package mockruntime

import (
	"context"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// dataSQL serves data.sql on the plugin's own database (§9.2).
func dataSQL(ctx context.Context, c *call) (any, error) {
	db, err := c.p.store.get()
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
	return nil, unknownOp(c)
}

func statements(v any) []sqlstore.Statement {
	list, _ := v.([]any)
	out := make([]sqlstore.Statement, len(list))
	for i, item := range list {
		m, _ := item.(map[string]any)
		out[i].SQL, _ = m["sql"].(string)
		out[i].Args, _ = m["args"].([]any)
	}
	return out
}

// dataKV serves data.kv from the _kv table (§9.3).
func dataKV(ctx context.Context, c *call) (any, error) {
	db, err := c.p.store.get()
	if err != nil {
		return nil, err
	}
	key, _ := c.Params["key"].(string)
	switch c.Op {
	case "get":
		v, ok, err := db.KVGet(ctx, key)
		if err != nil || !ok {
			return nil, err
		}
		return v, nil
	case "set":
		value, _ := c.Params["value"].(string)
		return nil, db.KVSet(ctx, key, value)
	case "delete":
		return nil, db.KVDelete(ctx, key)
	case "list":
		prefix, _ := c.Params["prefix"].(string)
		return db.KVList(ctx, prefix, intParam(c.Params, "limit"))
	case "getMany":
		return db.KVGetMany(ctx, stringList(c.Params["keys"]))
	}
	return nil, unknownOp(c)
}

func unknownOp(c *call) error {
	return wire.Errorf(wire.CodeInvalidParams, "%s has no operation %q", c.Type, c.Op).With("pointer", "/params/op")
}

// intParam reads an integer param (decoded as json.Number), 0 when absent.
func intParam(params map[string]any, key string) int {
	switch n := params[key].(type) {
	case interface{ Int64() (int64, error) }:
		v, _ := n.Int64()
		return int(v)
	case float64:
		return int(n)
	}
	return 0
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, _ := item.(string)
		out = append(out, s)
	}
	return out
}

func stringParam(params map[string]any, key string) string {
	s, _ := params[key].(string)
	return s
}
