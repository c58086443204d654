package bus

import "slices"

// RuntimeSource is the source_plugin of every event the runtime publishes
// itself (§10.5).
const RuntimeSource = "runtime"

// RuntimeTopics returns the topics the runtime publishes (§10.5), in the
// order of the specification's table. The slice is the caller's own. Safe
// for concurrent use.
func RuntimeTopics() []string {
	return []string{
		"runtime.cascade.user.banned",
		"runtime.cascade.user.profile_changed",
		"runtime.presence.joined",
		"runtime.presence.updated",
		"runtime.presence.left",
		"core.category.created",
		"core.category.updated",
		"core.category.deleted",
		"core.category.reordered",
	}
}

// ReservedTopics returns the topics that are part of the contract but never
// emitted (EVT-24): plugins may subscribe to them, the runtime never
// publishes to them and its host API refuses to. The slice is the caller's
// own. Safe for concurrent use.
func ReservedTopics() []string {
	return []string{"runtime.cascade.user.deleted", "core.user.deleted"}
}

// IsReservedTopic reports whether topic is one of ReservedTopics. Safe for
// concurrent use.
func IsReservedTopic(topic string) bool {
	return slices.Contains(ReservedTopics(), topic)
}
