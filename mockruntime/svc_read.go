package mockruntime

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// readCapability is data.read:<plugin>.<table> (READ-1).
func readCapability(c *call) string {
	return "data.read:" + stringParam(c.Params, "plugin") + "." + stringParam(c.Params, "table")
}

// dataRead serves a cross-plugin read: only published tables and columns,
// on a read-only handle, with SQL built from checked identifiers (READ-1 to
// READ-4).
func dataRead(ctx context.Context, c *call) (any, error) {
	slug, table := stringParam(c.Params, "plugin"), stringParam(c.Params, "table")
	target := c.s.rt.Plugin(slug)
	if target == nil {
		return nil, wire.Errorf(wire.CodeNotFound, "no plugin %q is loaded", slug)
	}
	published, ok := target.manifest.PublicSchema[table]
	if !ok {
		return nil, wire.Errorf(wire.CodeNotFound, "plugin %q publishes no table %q", slug, table)
	}
	q, err := readQuery(c.Params, table, published.Columns)
	if err != nil {
		return nil, err
	}
	db, err := target.store.readOnly()
	if err != nil {
		return nil, err
	}
	return db.Read(ctx, q)
}

// readQuery turns params into a query, refusing unpublished columns.
func readQuery(params map[string]any, table string, published []string) (sqlstore.ReadQuery, error) {
	q := sqlstore.ReadQuery{Table: table, Select: stringList(params["select"]), Limit: intParam(params, "limit"), Offset: intParam(params, "offset")}
	if _, given := params["select"]; !given {
		q.Select = published
	}
	for i, col := range q.Select {
		if err := checkPublished(published, col, fmt.Sprintf("/params/select/%d", i)); err != nil {
			return q, err
		}
	}
	where, _ := params["where"].([]any)
	for i, w := range where {
		m, _ := w.(map[string]any)
		cond := sqlstore.Cond{Column: stringParam(m, "column"), Op: stringParam(m, "op"), Value: m["value"]}
		if err := checkPublished(published, cond.Column, fmt.Sprintf("/params/where/%d/column", i)); err != nil {
			return q, err
		}
		q.Where = append(q.Where, cond)
	}
	order, _ := params["order_by"].([]any)
	for i, o := range order {
		m, _ := o.(map[string]any)
		ord := sqlstore.Order{Column: stringParam(m, "column"), Desc: stringParam(m, "dir") == "desc"}
		if err := checkPublished(published, ord.Column, fmt.Sprintf("/params/order_by/%d/column", i)); err != nil {
			return q, err
		}
		q.OrderBy = append(q.OrderBy, ord)
	}
	return q, nil
}

func checkPublished(published []string, column, pointer string) error {
	if slices.Contains(published, column) {
		return nil
	}
	return wire.Errorf(wire.CodePermissionDenied, "column %q is not published", column).With("pointer", pointer)
}

// readOnly returns a read-only handle on the plugin's database for other
// plugins' reads, opened on first use (READ-3).
func (s *pluginStore) readOnly() (*sqlstore.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil, errClosed
	}
	if s.ro == nil {
		if _, err := os.Stat(s.path()); err != nil {
			return nil, wire.Errorf(wire.CodeNotFound, "plugin %q has no database yet", s.p.Slug())
		}
		db, err := sqlstore.OpenReadOnly(s.path())
		if err != nil {
			return nil, err
		}
		s.ro = db
	}
	return s.ro, nil
}
