package mockruntime

import (
	"strings"

	"github.com/conform-dev/conform/mockruntime/internal/bus"
)

// RuntimeTopic is one topic the runtime publishes (CONFORMANCE.md §10.5)
// with a payload of the documented shape, as a probe sends it.
type RuntimeTopic struct {
	Topic   string
	Payload map[string]any
}

// RuntimeTopics returns the topics of §10.5 in the table's order, each
// with an example payload that has every documented member. A new slice
// each call; safe for concurrent use.
func RuntimeTopics() []RuntimeTopic {
	user := func() map[string]any {
		return map[string]any{"user_id": "conform-probe", "session_id": "conform-probe-1", "scope": "conform-probe", "data": map[string]any{}}
	}
	category := func() map[string]any {
		return map[string]any{"id": "conform-probe", "name": "conform probe", "position": 0}
	}
	return []RuntimeTopic{
		{"runtime.cascade.user.banned", map[string]any{"user_id": "conform-probe", "reason": "conform probe"}},
		{"runtime.cascade.user.profile_changed", map[string]any{"user_id": "conform-probe", "username": "conform-probe", "display_name": "conform probe", "avatar_url": ""}},
		{"runtime.presence.joined", user()},
		{"runtime.presence.updated", user()},
		{"runtime.presence.left", user()},
		{"core.category.created", category()},
		{"core.category.updated", category()},
		{"core.category.deleted", map[string]any{"id": "conform-probe"}},
		{"core.category.reordered", map[string]any{"ids": []any{"conform-probe"}}},
	}
}

// TopicMatches reports whether the subscription pattern matches topic
// (EVT-3): an exact pattern only itself, "p.*" every topic below "p.".
// Safe for concurrent use.
func TopicMatches(pattern, topic string) bool { return bus.Matches(pattern, topic) }

// PatternCovers reports whether the capability pattern (the part after
// "events.subscribe:") allows subscribing to pattern (EVT-4). Safe for
// concurrent use.
func PatternCovers(capPattern, pattern string) bool { return bus.Covers(capPattern, pattern) }

// IsRuntimeTopic reports whether the runtime's host API may publish to
// topic: it is in the runtime.* or core.* namespace and not reserved
// (EVT-2, EVT-24). Safe for concurrent use.
func IsRuntimeTopic(topic string) bool {
	return (strings.HasPrefix(topic, "runtime.") || strings.HasPrefix(topic, "core.")) && !bus.IsReservedTopic(topic)
}
