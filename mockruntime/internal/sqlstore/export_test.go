package sqlstore

import "modernc.org/sqlite"

// Internal pieces the external tests check directly.
var (
	AppendJSONString = appendJSONString
	AppendJSONFloat  = appendJSONFloat
	QuoteIdent       = quoteIdent
)

// Shape is sqlShape with exported fields, for the lexer's tests.
type Shape struct {
	Statements int
	Selects    bool
	Vacuum     bool
	VacuumInto bool
}

// ShapeOf scans text as the package does before running it.
func ShapeOf(text string) Shape {
	s := shapeOf(text)
	return Shape{Statements: s.statements, Selects: s.selects, Vacuum: s.vacuum, VacuumInto: s.vacuumInto}
}

// Decide applies the guard's rules to one authorizer action and returns the
// refused action's name, or "" when the action is allowed.
func Decide(readOnlyDB, user bool, action sqlite.AuthorizerActionCode, arg1, arg2 string) string {
	acc := readWrite
	if readOnlyDB {
		acc = readOnly
	}
	r, refused := decide(acc, user, action, arg1, arg2)
	if !refused {
		return ""
	}
	return r.action
}
