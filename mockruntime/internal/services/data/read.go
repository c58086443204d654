package data

import (
	"context"
	"fmt"
	"slices"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// ReadCapability is data.read:<plugin>.<table> (READ-1).
func ReadCapability(c *service.Call) string {
	return "data.read:" + service.StringParam(c.Params, "plugin") + "." + service.StringParam(c.Params, "table")
}

// Read serves a cross-plugin read: only published tables and columns, on a
// read-only handle, with a query built from checked identifiers (READ-1 to
// READ-4).
func (s *Stores) Read(ctx context.Context, c *service.Call) (any, error) {
	slug, table := service.StringParam(c.Params, "plugin"), service.StringParam(c.Params, "table")
	target, ok := c.Host.Plugin(slug)
	if !ok {
		return nil, wire.Errorf(wire.CodeNotFound, "no plugin %q is loaded", slug)
	}
	published, ok := target.Manifest().PublicSchema[table]
	if !ok {
		return nil, wire.Errorf(wire.CodeNotFound, "plugin %q publishes no table %q", slug, table)
	}
	q, err := readQuery(c.Params, table, published.Columns)
	if err != nil {
		return nil, err
	}
	r, err := s.readerFor(target)
	if err != nil {
		return nil, err
	}
	return r.Read(ctx, q)
}

// readQuery turns params into a query, refusing unpublished columns.
func readQuery(params map[string]any, table string, published []string) (service.ReadQuery, error) {
	q := service.ReadQuery{Table: table, Select: service.StringList(params["select"]), Limit: service.IntParam(params, "limit"), Offset: service.IntParam(params, "offset")}
	if _, given := params["select"]; !given {
		q.Select = published
	}
	for i, col := range q.Select {
		if err := checkPublished(published, col, fmt.Sprintf("/params/select/%d", i)); err != nil {
			return q, err
		}
	}
	where, _ := params["where"].([]any)
	bound := 0
	for i, w := range where {
		m, _ := w.(map[string]any)
		cond := service.Cond{Column: service.StringParam(m, "column"), Op: service.StringParam(m, "op"), Value: m["value"]}
		if err := checkPublished(published, cond.Column, fmt.Sprintf("/params/where/%d/column", i)); err != nil {
			return q, err
		}
		if bound += boundValues(cond.Value); bound > MaxReadValues {
			return q, wire.Errorf(wire.CodeInvalidParams, "where binds %d values or more, over the limit of %d", bound, MaxReadValues).
				With("pointer", fmt.Sprintf("/params/where/%d/value", i)).With("limit", MaxReadValues)
		}
		q.Where = append(q.Where, cond)
	}
	order, _ := params["order_by"].([]any)
	for i, o := range order {
		m, _ := o.(map[string]any)
		ord := service.Order{Column: service.StringParam(m, "column"), Desc: service.StringParam(m, "dir") == "desc"}
		if err := checkPublished(published, ord.Column, fmt.Sprintf("/params/order_by/%d/column", i)); err != nil {
			return q, err
		}
		q.OrderBy = append(q.OrderBy, ord)
	}
	return q, nil
}

// MaxReadValues bounds the values one data.read binds in its where
// conditions, `in` lists included (READ-5): well under SQLite's own limit
// on bound parameters, so a long `in` list is the caller's INVALID_PARAMS,
// never a SQL_ERROR.
const MaxReadValues = 10_000

// boundValues counts the values a condition binds: the items of an `in`
// list, else one.
func boundValues(v any) int {
	if list, ok := v.([]any); ok {
		return len(list)
	}
	return 1
}

func checkPublished(published []string, column, pointer string) error {
	if slices.Contains(published, column) {
		return nil
	}
	return wire.Errorf(wire.CodePermissionDenied, "column %q is not published", column).With("pointer", pointer)
}
