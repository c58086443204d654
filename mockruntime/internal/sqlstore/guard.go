package sqlstore

import (
	"sync/atomic"

	"modernc.org/sqlite"
)

// access is what a database may be used for.
type access int

const (
	readWrite access = iota // the plugin's own database
	readOnly                // another plugin's database, for data.read
)

// refusal is an action the guard refused, and why.
type refusal struct {
	action string
	reason string
}

// guard is the policy of one physical connection: SQLite calls authorize
// while it compiles (and, for VACUUM, while it runs) each statement. The
// call that has borrowed the connection says before each statement whether
// the text came from the plugin (enter), and reads back what was refused
// (refused). The fields are atomic because the authorizer runs inside
// SQLite on whichever goroutine is stepping the connection.
type guard struct {
	access   access
	user     atomic.Bool
	rejected atomic.Pointer[refusal]
}

// enter starts a statement: user is true when its text came from the
// plugin. It forgets the previous statement's refusal.
func (g *guard) enter(user bool) {
	g.rejected.Store(nil)
	g.user.Store(user)
}

// refused returns the first action refused since the last enter.
func (g *guard) refused() (refusal, bool) {
	r := g.rejected.Load()
	if r == nil {
		return refusal{}, false
	}
	return *r, true
}

// authorize is the SQLite authorizer callback.
func (g *guard) authorize(action sqlite.AuthorizerActionCode, arg1, arg2, _, _ string) sqlite.AuthorizerReturnCode {
	r, refuse := decide(g.access, g.user.Load(), action, arg1, arg2)
	if !refuse {
		return sqlite.AuthorizerOK
	}
	g.rejected.CompareAndSwap(nil, &r)
	return sqlite.AuthorizerDeny
}
