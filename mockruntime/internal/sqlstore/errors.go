package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// refusedError is the PERMISSION_DENIED answer to a refused statement
// (SQL-6): context.reason says why, context.action what.
func refusedError(r refusal) *wire.Error {
	e := wire.Errorf(wire.CodePermissionDenied, "%s is not allowed", r.action)
	return e.With("reason", r.reason).With("action", r.action)
}

// invalidParam is the INVALID_PARAMS answer naming the member at pointer
// and, for list members, its index.
func invalidParam(pointer string, index int, format string, args ...any) *wire.Error {
	e := wire.Errorf(wire.CodeInvalidParams, format, args...).With("pointer", pointer)
	if index >= 0 {
		e = e.With("index", index)
	}
	return e
}

// tooLarge is the RESPONSE_TOO_LARGE answer of a result that passed limit
// while it was read (SQL-8, SVC-6).
func tooLarge(limit int) *wire.Error {
	return wire.Errorf(wire.CodeResponseTooLarge, "the result encodes to more than %d bytes", limit).With("limit", limit)
}

// sqlError is the SQL_ERROR answer of a statement SQLite rejected (SQL-7):
// context.sqlite_code names the primary result code and
// context.sqlite_extended_code is the extended code number.
func sqlError(err error) *wire.Error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return wire.Errorf(wire.CodeSQLError, "%s", err.Error())
	}
	e := wire.Errorf(wire.CodeSQLError, "%s", sqliteMessage(se))
	name := primaryCodeName(se.Code())
	if name != "" {
		e = e.With("sqlite_code", name)
	}
	if name == "SQLITE_TOOBIG" { // SQL-9
		e = wire.Errorf(wire.CodeSQLError, "%s: a string, BLOB or row may hold at most %d bytes", sqliteMessage(se), DefaultMaxValueBytes).
			With("sqlite_code", name).With("limit", DefaultMaxValueBytes)
	}
	return e.With("sqlite_extended_code", se.Code())
}

// sqliteMessage drops the result-code suffixes the driver appends.
func sqliteMessage(se *sqlite.Error) string {
	msg := strings.TrimSuffix(se.Error(), " (SQLITE_BUSY)")
	return strings.TrimSuffix(msg, fmt.Sprintf(" (%d)", se.Code()))
}

// failure turns an error from running a statement into the call's answer:
// an error that is already a *wire.Error stays as it is, a refusal the
// guard recorded becomes PERMISSION_DENIED (SQLite reports those with
// several codes), the end of the caller's context is returned as ctx.Err(),
// and anything else is SQL_ERROR.
func failure(ctx context.Context, g *guard, err error) error {
	if err == nil {
		return nil
	}
	var we *wire.Error
	if errors.As(err, &we) {
		return we
	}
	if r, ok := g.refused(); ok {
		return refusedError(r)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return sqlError(err)
}

// withIndex marks err as coming from the batch statement at index (SQL-5).
func withIndex(err error, index int) error {
	var we *wire.Error
	if errors.As(err, &we) {
		return we.With("index", index)
	}
	return err
}
