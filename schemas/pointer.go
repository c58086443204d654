package schemas

import (
	"net/url"
	"strconv"
	"strings"
)

// pointerTokens splits a JSON pointer as the validator writes it (tokens
// JSON-pointer escaped, then URL-path escaped) into plain tokens.
func pointerTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	tokens := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, tok := range tokens {
		if plain, err := url.PathUnescape(tok); err == nil {
			tok = plain
		}
		tokens[i] = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	}
	return tokens
}

// joinPointer builds a JSON pointer (RFC 6901) from plain tokens.
func joinPointer(tokens []string) string {
	var b strings.Builder
	for _, tok := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// child returns the member tok of an object or the element tok of an array
// in a decoded JSON value, or nil.
func child(node any, tok string) any {
	switch n := node.(type) {
	case map[string]any:
		return n[tok]
	case []any:
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= len(n) {
			return nil
		}
		return n[i]
	}
	return nil
}

// descend follows tokens from node.
func descend(node any, tokens []string) any {
	for _, tok := range tokens {
		node = child(node, tok)
	}
	return node
}
