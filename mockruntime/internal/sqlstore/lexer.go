package sqlstore

import "strings"

// tokenKind classifies what the lexer found. The lexer knows only as much
// SQL as it takes to find statement boundaries: quoted strings and
// identifiers, comments, words and semicolons.
type tokenKind int

const (
	tokenEnd tokenKind = iota
	tokenWord
	tokenQuoted
	tokenSemicolon
	tokenOther
)

// lexer walks SQL text the way SQLite's tokenizer does for the constructs
// that can hide a semicolon: '…', "…", `…` (a doubled quote stays inside),
// […], -- to the end of the line and /* to */ (or the end of the text).
type lexer struct {
	text string
	pos  int
}

// newLexer stops the text at its first NUL byte: SQLite receives the text
// as a C string and never sees what follows.
func newLexer(text string) *lexer {
	if i := strings.IndexByte(text, 0); i >= 0 {
		text = text[:i]
	}
	return &lexer{text: text}
}

// next returns the next token after whitespace and comments.
func (l *lexer) next() (tokenKind, string) {
	l.skipSpaceAndComments()
	if l.pos >= len(l.text) {
		return tokenEnd, ""
	}
	start := l.pos
	switch c := l.text[l.pos]; {
	case c == ';':
		l.pos++
		return tokenSemicolon, ";"
	case c == '\'' || c == '"' || c == '`':
		l.skipQuoted(c, c)
		return tokenQuoted, l.text[start:l.pos]
	case c == '[':
		l.skipQuoted('[', ']')
		return tokenQuoted, l.text[start:l.pos]
	case isWordByte(c):
		for l.pos < len(l.text) && isWordByte(l.text[l.pos]) {
			l.pos++
		}
		return tokenWord, l.text[start:l.pos]
	default:
		l.pos++
		return tokenOther, l.text[start:l.pos]
	}
}

func (l *lexer) skipSpaceAndComments() {
	for l.pos < len(l.text) {
		rest := l.text[l.pos:]
		switch {
		case isSpace(rest[0]):
			l.pos++
		case strings.HasPrefix(rest, "--"):
			l.skipPast("\n", 2)
		case strings.HasPrefix(rest, "/*"):
			l.skipPast("*/", 2)
		default:
			return
		}
	}
}

// skipPast moves past the first end found at least from bytes ahead, or to
// the end of the text.
func (l *lexer) skipPast(end string, from int) {
	i := strings.Index(l.text[l.pos+from:], end)
	if i < 0 {
		l.pos = len(l.text)
		return
	}
	l.pos += from + i + len(end)
}

// skipQuoted moves past a quoted token that starts at pos. When open and
// close are the same character, a doubled close stays inside the token.
func (l *lexer) skipQuoted(open, close byte) {
	l.pos++
	for l.pos < len(l.text) {
		c := l.text[l.pos]
		l.pos++
		if c != close {
			continue
		}
		if open == close && l.pos < len(l.text) && l.text[l.pos] == close {
			l.pos++
			continue
		}
		return
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// isWordByte reports the bytes SQLite allows in an unquoted identifier.
func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 ||
		('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}
