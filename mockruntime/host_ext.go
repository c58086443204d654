package mockruntime

import "github.com/conform-dev/conform/mockruntime/internal/services/platform"

// PlatformAnswer decides the result of a platform call of §9.12 from its
// params (numbers in params are json.Number). An error carrying a
// *wire.Error is sent as that error; any other becomes INTERNAL.
type PlatformAnswer func(params map[string]any) (any, error)

// SetAnswer makes answer decide the results of every later call of the
// platform service serviceType, one of resources.get, resources.list,
// voice.tokens, voice.moderation, permissions.check, core.users.get and
// core.categories.list (EXT-1); nil removes it, so calls are answered
// UNAVAILABLE again. Calls run concurrently, so answer must be safe for
// concurrent use. The answers belong to the built-in backends: for an area
// whose backend was set in Options (Resources, Voice, Permissions, Core)
// SetAnswer fails. SetAnswer itself is safe for concurrent use.
func (rt *Runtime) SetAnswer(serviceType string, answer PlatformAnswer) error {
	return rt.hub.platform.SetAnswer(serviceType, platform.Answer(answer))
}
