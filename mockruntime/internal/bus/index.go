package bus

import (
	"slices"
	"strings"
)

// patternIndex finds the subscriptions matching a topic without scanning
// them all: exact patterns by topic, wildcard patterns by their prefix.
// Guarded by Bus.mu.
type patternIndex struct {
	exact    map[string][]*subscription
	wildcard map[string][]*subscription
}

func newPatternIndex() patternIndex {
	return patternIndex{exact: map[string][]*subscription{}, wildcard: map[string][]*subscription{}}
}

func (x patternIndex) bucket(pattern string) (map[string][]*subscription, string) {
	if prefix, ok := wildcardPrefix(pattern); ok {
		return x.wildcard, prefix
	}
	return x.exact, pattern
}

func (x patternIndex) add(s *subscription) {
	m, key := x.bucket(s.pattern)
	m[key] = append(m[key], s)
}

func (x patternIndex) remove(s *subscription) {
	m, key := x.bucket(s.pattern)
	m[key] = slices.DeleteFunc(m[key], func(o *subscription) bool { return o == s })
	if len(m[key]) == 0 {
		delete(m, key)
	}
}

// matching appends to dst every subscription whose pattern matches topic:
// exact ones first, then wildcards from the shortest prefix to the longest.
func (x patternIndex) matching(dst []*subscription, topic string) []*subscription {
	dst = append(dst, x.exact[topic]...)
	for i := strings.IndexByte(topic, '.'); i >= 0; {
		dst = append(dst, x.wildcard[topic[:i]]...)
		next := strings.IndexByte(topic[i+1:], '.')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return dst
}
