package sqlstore

import (
	"strings"

	"modernc.org/sqlite"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// decide applies SQL-6 and READ-3 to one action SQLite presents. The
// arguments are those of SQLite's authorizer: for ATTACH arg1 is the file
// name, for a function arg2 is its name, for a PRAGMA arg1 is its name and
// arg2 its argument (empty for a query), for a transaction arg1 is BEGIN,
// COMMIT or ROLLBACK.
//
// Refused everywhere: ATTACH of a named file (VACUUM INTO presents as one,
// while the statement runs), DETACH, load_extension (which SQLite also
// refuses on its own: the driver never enables extension loading). On a read-only
// database, everything but reading. For the plugin's own statements also:
// every ATTACH, transaction control (the runtime owns transactions; a BEGIN
// left open would pin a pooled connection in a transaction), and PRAGMAs
// outside the read-only allowlist.
func decide(acc access, user bool, action sqlite.AuthorizerActionCode, arg1, arg2 string) (refusal, bool) {
	if name, ok := neverAllowed(action, arg1, arg2, user); ok {
		return refusal{action: name, reason: wire.ReasonStatementNotAllowed}, true
	}
	if acc == readOnly && !readsOnly(action) {
		return refusal{action: actionName(action, arg1), reason: wire.ReasonCrossPluginWrite}, true
	}
	if !user {
		return refusal{}, false
	}
	if name, ok := refusedForPlugin(action, arg1, arg2); ok {
		return refusal{action: name, reason: wire.ReasonStatementNotAllowed}, true
	}
	return refusal{}, false
}

// neverAllowed covers what reaches beyond the database file. A plain VACUUM
// attaches an unnamed temporary database while it runs, so the package's
// own VACUUM may attach the empty name; the plugin's statements may not.
func neverAllowed(action sqlite.AuthorizerActionCode, arg1, arg2 string, user bool) (string, bool) {
	switch {
	case action == sqlite.AuthAttach && (user || arg1 != ""):
		return "ATTACH", true
	case action == sqlite.AuthDetach:
		return "DETACH", true
	case action == sqlite.AuthFunction && strings.EqualFold(arg2, "load_extension"):
		return "load_extension", true
	}
	return "", false
}

func readsOnly(action sqlite.AuthorizerActionCode) bool {
	switch action {
	case sqlite.AuthSelect, sqlite.AuthRead, sqlite.AuthFunction, sqlite.AuthRecursive:
		return true
	}
	return false
}

func refusedForPlugin(action sqlite.AuthorizerActionCode, arg1, arg2 string) (string, bool) {
	switch action {
	case sqlite.AuthTransaction:
		return strings.ToUpper(arg1), true
	case sqlite.AuthSavepoint:
		return savepointAction(arg1), true
	case sqlite.AuthPragma:
		if !pragmaAllowed(arg1, arg2) {
			return "PRAGMA " + strings.ToLower(arg1), true
		}
	}
	return "", false
}

func savepointAction(op string) string {
	switch strings.ToUpper(op) {
	case "BEGIN":
		return "SAVEPOINT"
	case "ROLLBACK":
		return "ROLLBACK TO"
	}
	return strings.ToUpper(op)
}

// schemaPragmas read the plugin's own schema whatever their argument (a
// table or index name), as statements or as pragma_* table functions.
var schemaPragmas = map[string]bool{
	"table_info":        true,
	"table_xinfo":       true,
	"table_list":        true,
	"index_list":        true,
	"index_info":        true,
	"index_xinfo":       true,
	"foreign_key_list":  true,
	"foreign_key_check": true,
}

// queryOnlyPragmas may be read but never set: with an argument they write.
var queryOnlyPragmas = map[string]bool{
	"journal_mode":   true,
	"user_version":   true,
	"foreign_keys":   true,
	"schema_version": true,
	"application_id": true,
	"encoding":       true,
	"page_size":      true,
	"page_count":     true,
	"freelist_count": true,
}

func pragmaAllowed(name, arg string) bool {
	name = strings.ToLower(name)
	return schemaPragmas[name] || (queryOnlyPragmas[name] && arg == "")
}
