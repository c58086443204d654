package mockruntime

import (
	"slices"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// platformServiceTypes are the services whose answers the host decides
// (§9.12).
var platformServiceTypes = []string{
	"resources.get", "resources.list", "voice.tokens", "voice.moderation",
	"permissions.check", "core.users.get", "core.categories.list",
}

// SetAnswer makes answer decide the results of every later call of the
// platform service serviceType, one of resources.get, resources.list,
// voice.tokens, voice.moderation, permissions.check, core.users.get and
// core.categories.list (EXT-1); nil removes it, so calls are answered
// UNAVAILABLE again. Calls run concurrently, so answer must be safe for
// concurrent use. SetAnswer itself is safe for concurrent use.
func (rt *Runtime) SetAnswer(serviceType string, answer PlatformAnswer) error {
	if !slices.Contains(platformServiceTypes, serviceType) {
		return wire.Errorf(wire.CodeUnknownService, "%q is not a platform service of §9.12", serviceType)
	}
	rt.hub.answers.set(serviceType, answer)
	return nil
}
