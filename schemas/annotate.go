package schemas

import (
	"net/url"
	"strings"
)

// annotation is what the raw schema documents say about one failing keyword.
type annotation struct {
	// rule is the nearest x-rule on the keyword's schema path.
	rule string
	// message is the nearest x-message at or below the node of that x-rule.
	message string
	// holder is the schema object holding the failing keyword, and keyword
	// its name; holder is nil when the keyword is not in an object.
	holder  map[string]any
	keyword string
}

// annotate walks from the root of the document holding the schema compiled
// at root (an absolute URL with a fragment), down to that schema, then along
// keywordLocation (relative to that schema), following each $ref into its
// target document, and collects the annotations met on the way.
func (r *registry) annotate(root, keywordLocation string) annotation {
	var a annotation
	docURL, fragment, _ := strings.Cut(root, "#")
	node := r.docs[docURL]
	for _, tok := range pointerTokens(fragment) {
		a.visit(node)
		node = child(node, tok)
	}
	tokens := pointerTokens(keywordLocation)
	for i, tok := range tokens {
		a.visit(node)
		switch {
		case i == len(tokens)-1:
			a.holder, a.keyword = asObject(node), tok
		case tok == "$ref":
			docURL, node = r.resolveRef(docURL, node)
		default:
			node = child(node, tok)
		}
	}
	return a
}

// visit records the annotations of one schema node. A node with an x-rule
// starts over: a message from above it belongs to another rule.
func (a *annotation) visit(node any) {
	m := asObject(node)
	if rule, ok := m["x-rule"].(string); ok {
		a.rule = rule
		a.message, _ = m["x-message"].(string)
		return
	}
	if msg, ok := m["x-message"].(string); ok {
		a.message = msg
	}
}

// resolveRef returns the document URL and the node that the $ref of node,
// in the document at docURL, points to.
func (r *registry) resolveRef(docURL string, node any) (string, any) {
	ref, _ := asObject(node)["$ref"].(string)
	base, err := url.Parse(docURL)
	if err != nil {
		return docURL, nil
	}
	target, err := base.Parse(ref)
	if err != nil {
		return docURL, nil
	}
	fragment := target.Fragment
	target.Fragment = ""
	return target.String(), descend(r.docs[target.String()], pointerTokens(fragment))
}
