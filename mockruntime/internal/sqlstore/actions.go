package sqlstore

import "modernc.org/sqlite"

// actionNames names the authorizer actions that write, for refusals on a
// read-only database.
var actionNames = map[sqlite.AuthorizerActionCode]string{
	sqlite.AuthCreateIndex:       "CREATE INDEX",
	sqlite.AuthCreateTable:       "CREATE TABLE",
	sqlite.AuthCreateTempIndex:   "CREATE TEMP INDEX",
	sqlite.AuthCreateTempTable:   "CREATE TEMP TABLE",
	sqlite.AuthCreateTempTrigger: "CREATE TEMP TRIGGER",
	sqlite.AuthCreateTempView:    "CREATE TEMP VIEW",
	sqlite.AuthCreateTrigger:     "CREATE TRIGGER",
	sqlite.AuthCreateView:        "CREATE VIEW",
	sqlite.AuthDelete:            "DELETE",
	sqlite.AuthDropIndex:         "DROP INDEX",
	sqlite.AuthDropTable:         "DROP TABLE",
	sqlite.AuthDropTempIndex:     "DROP TEMP INDEX",
	sqlite.AuthDropTempTable:     "DROP TEMP TABLE",
	sqlite.AuthDropTempTrigger:   "DROP TEMP TRIGGER",
	sqlite.AuthDropTempView:      "DROP TEMP VIEW",
	sqlite.AuthDropTrigger:       "DROP TRIGGER",
	sqlite.AuthDropView:          "DROP VIEW",
	sqlite.AuthInsert:            "INSERT",
	sqlite.AuthPragma:            "PRAGMA",
	sqlite.AuthTransaction:       "TRANSACTION",
	sqlite.AuthUpdate:            "UPDATE",
	sqlite.AuthAlterTable:        "ALTER TABLE",
	sqlite.AuthReindex:           "REINDEX",
	sqlite.AuthAnalyze:           "ANALYZE",
	sqlite.AuthCreateVTable:      "CREATE VIRTUAL TABLE",
	sqlite.AuthDropVTable:        "DROP VIRTUAL TABLE",
	sqlite.AuthSavepoint:         "SAVEPOINT",
}

// actionName names action for an error's context; a PRAGMA also carries
// its name.
func actionName(action sqlite.AuthorizerActionCode, arg1 string) string {
	name, ok := actionNames[action]
	if !ok {
		return "write"
	}
	if action == sqlite.AuthPragma && arg1 != "" {
		return name + " " + arg1
	}
	return name
}
