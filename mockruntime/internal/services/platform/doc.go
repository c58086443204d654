// Package platform serves the platform calls of CONFORMANCE.md §9.12:
// resources.get, resources.list, voice.tokens, voice.moderation,
// permissions.check, core.users.get and core.categories.list. Each area
// (resources, voice, permissions, core) is answered by a service.Platform;
// the built-in one answers with what the host set with SetAnswer, and
// UNAVAILABLE when it set nothing (EXT-1).
//
// Every method is safe for concurrent use. The package imports
// mockruntime/service and mockruntime/wire; it must not import mockruntime
// or another service package.
package platform
