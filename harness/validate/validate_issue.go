package validate

import "fmt"

// Issue is a rule a document breaks that its JSON Schema cannot express,
// such as a manifest's duplicate setting key or a gap in a transcript's
// numbering. It reads like a schema failure: "/pointer: message [RULE]".
type Issue struct {
	// Pointer is the JSON pointer of the offending value in the document.
	Pointer string
	// Rule is the CONFORMANCE.md rule broken.
	Rule string
	// Message says what is wrong, on one line.
	Message string
}

// Error formats the issue as "/pointer: message [RULE]".
func (i *Issue) Error() string {
	return fmt.Sprintf("%s: %s [%s]", i.Pointer, i.Message, i.Rule)
}
