package bus

import "strings"

// MaxTopicBytes is the longest topic or pattern, in bytes (EVT-3).
const MaxTopicBytes = 256

// wildcardSuffix ends a prefix pattern.
const wildcardSuffix = ".*"

// ValidTopic reports whether topic is dot-separated, non-empty segments of
// [A-Za-z0-9_-], at most MaxTopicBytes long. Safe for concurrent use.
func ValidTopic(topic string) bool {
	if len(topic) == 0 || len(topic) > MaxTopicBytes {
		return false
	}
	segmentLen := 0
	for i := 0; i < len(topic); i++ {
		switch c := topic[i]; {
		case c == '.':
			if segmentLen == 0 {
				return false
			}
			segmentLen = 0
		case isSegmentByte(c):
			segmentLen++
		default:
			return false
		}
	}
	return segmentLen > 0
}

func isSegmentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// ValidPattern reports whether pattern is a valid topic or a valid topic
// followed by ".*" (EVT-3), at most MaxTopicBytes long in total. A bare "*",
// a "*" anywhere else and an empty segment are invalid. Safe for concurrent
// use.
func ValidPattern(pattern string) bool {
	if prefix, ok := wildcardPrefix(pattern); ok {
		return len(pattern) <= MaxTopicBytes && ValidTopic(prefix)
	}
	return ValidTopic(pattern)
}

// wildcardPrefix returns the part of pattern before a trailing ".*" and
// whether there was one.
func wildcardPrefix(pattern string) (string, bool) {
	return strings.CutSuffix(pattern, wildcardSuffix)
}

// Matches reports whether the valid pattern matches the valid topic: an
// exact pattern matches itself only, "p.*" matches every topic that starts
// with "p." and has one or more further segments (not "p" itself). Safe for
// concurrent use.
func Matches(pattern, topic string) bool {
	prefix, wildcard := wildcardPrefix(pattern)
	if !wildcard {
		return pattern == topic
	}
	return len(topic) > len(prefix)+1 && topic[len(prefix)] == '.' && strings.HasPrefix(topic, prefix)
}

// Covers reports whether the capability pattern capPattern (the part after
// "events.subscribe:") allows subscribing to pattern (EVT-4): the two are
// equal, or capPattern is "p.*" and pattern is "p.x…" or "p.x….*". Both are
// expected to be valid patterns. Safe for concurrent use.
func Covers(capPattern, pattern string) bool {
	if capPattern == pattern {
		return true
	}
	prefix, wildcard := wildcardPrefix(capPattern)
	return wildcard && len(pattern) > len(prefix)+1 && strings.HasPrefix(pattern, prefix+".")
}
