package service

import "context"

// Platform is the backend of one area of the platform calls of §9.12:
// resources (resources.get, resources.list), voice (voice.tokens,
// voice.moderation), permissions (permissions.check) or core
// (core.users.get, core.categories.list). The built-in one answers with
// what the host set with Runtime.SetAnswer, UNAVAILABLE when it set
// nothing (EXT-1).
//
// The runtime calls Answer only for a call that passed its params and its
// capability. Answer may be called concurrently.
type Platform interface {
	// Answer returns the result of c (c.Type tells which call it is). An
	// error is sent as its *wire.Error, any other as INTERNAL.
	Answer(ctx context.Context, c *Call) (any, error)
}
