package data

import (
	"context"

	"github.com/conform-dev/conform/mockruntime/service"
)

// KV serves data.kv (§9.3).
func (s *Stores) KV(ctx context.Context, c *service.Call) (any, error) {
	kv, err := s.KVFor(c.Plugin)
	if err != nil {
		return nil, err
	}
	key, _ := c.Params["key"].(string)
	switch c.Op {
	case "get":
		v, ok, err := kv.Get(ctx, key)
		if err != nil || !ok {
			return nil, err
		}
		return v, nil
	case "set":
		value, _ := c.Params["value"].(string)
		return nil, kv.Set(ctx, key, value)
	case "delete":
		return nil, kv.Delete(ctx, key)
	case "list":
		prefix, _ := c.Params["prefix"].(string)
		return kv.List(ctx, prefix, service.IntParam(c.Params, "limit"))
	case "getMany":
		return kv.GetMany(ctx, service.StringList(c.Params["keys"]))
	}
	return nil, service.UnknownOp(c)
}
