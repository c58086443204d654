package sqlstore

import (
	"strings"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// sqlShape is what a lexical scan tells about SQL text before it runs.
//
// statements counts conservatively: every top-level semicolon separates,
// so a trigger body's inner semicolons add statements. The count is never
// lower than SQLite's own, so "one statement" can be trusted, and a wrong
// "several" only costs an unneeded transaction.
type sqlShape struct {
	statements int
	selects    bool // every statement starts with SELECT or VALUES
	vacuum     bool // some statement starts with VACUUM
	vacuumInto bool // some statement is VACUUM [schema] INTO …
}

func shapeOf(text string) sqlShape {
	s := sqlShape{selects: true}
	l := newLexer(text)
	position, inVacuum := 0, false
	for kind, token := l.next(); kind != tokenEnd; kind, token = l.next() {
		if kind == tokenSemicolon {
			position = 0
			continue
		}
		isWord := func(w string) bool { return kind == tokenWord && strings.EqualFold(token, w) }
		switch {
		case position == 0:
			s.statements++
			s.selects = s.selects && (isWord("SELECT") || isWord("VALUES"))
			inVacuum = isWord("VACUUM")
			s.vacuum = s.vacuum || inVacuum
		case inVacuum && position <= 2 && isWord("INTO"):
			s.vacuumInto = true
		}
		position++
	}
	return s
}

// loneVacuum reports a single plain VACUUM, which SQLite runs only outside
// a transaction and which this package therefore runs itself.
func (s sqlShape) loneVacuum() bool {
	return s.statements == 1 && s.vacuum && !s.vacuumInto
}

// lonePlainSelect reports a single SELECT (or VALUES) statement, which
// cannot write: it reads one consistent snapshot on its own and needs no
// transaction to be undone.
func (s sqlShape) lonePlainSelect() bool {
	return s.statements == 1 && s.selects
}

// refuseEarly refuses, before anything runs, what the text shows cannot be
// allowed: VACUUM INTO writes a copy of the database to another file
// (SQL-6). The guard would also refuse the ATTACH it performs, but only
// once it runs, and not at all inside a transaction, where SQLite rejects
// any VACUUM first.
func (s sqlShape) refuseEarly() error {
	if s.vacuumInto {
		return refusedError(refusal{action: "VACUUM INTO", reason: wire.ReasonStatementNotAllowed})
	}
	return nil
}

// requireStatement refuses text with no statement for query and run, which
// answer about one statement.
func (s sqlShape) requireStatement() error {
	if s.statements == 0 {
		return wire.Errorf(wire.CodeSQLError, "the SQL text holds no statement")
	}
	return nil
}
