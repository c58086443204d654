package sqlstore

// resultBudget counts the encoded size of a JSON array or object while its
// members are read, and fails with RESPONSE_TOO_LARGE at the first member
// that takes it over the limit, so no result larger than the limit (plus
// one member) is ever held (SQL-8, SVC-6). A budget serves one goroutine.
type resultBudget struct {
	limit   int
	used    int
	members int
	scratch []byte
}

// newResultBudget starts a budget with the two bytes of the enclosing
// brackets or braces counted.
func newResultBudget(limit int) *resultBudget {
	return &resultBudget{limit: limit, used: len("[]")}
}

// add counts one member of n encoded bytes, with its separating comma.
func (b *resultBudget) add(n int) error {
	if b.members > 0 {
		n++
	}
	b.members++
	b.used += n
	if b.used > b.limit {
		return tooLarge(b.limit)
	}
	return nil
}

func (b *resultBudget) addRow(r Row) error {
	b.scratch = r.appendJSON(b.scratch[:0])
	return b.add(len(b.scratch))
}

// replace counts value, encoded as a JSON string, in place of replaced
// bytes already counted.
func (b *resultBudget) replace(replaced int, value string) error {
	b.scratch = appendJSONString(b.scratch[:0], value)
	b.used += len(b.scratch) - replaced
	if b.used > b.limit {
		return tooLarge(b.limit)
	}
	return nil
}

// addString counts a member made of fixed bytes plus the given strings,
// each encoded as a JSON string.
func (b *resultBudget) addString(fixed int, parts ...string) error {
	n := fixed
	for _, s := range parts {
		b.scratch = appendJSONString(b.scratch[:0], s)
		n += len(b.scratch)
	}
	return b.add(n)
}
