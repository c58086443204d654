package mockruntime

import "github.com/conform-dev/conform/mockruntime/internal/services/broadcast"

// Broadcast is one event a plugin sent to the simulated clients (§9.6).
// Broadcasts are fire-and-forget: recording one is all the delivery there
// is. A plain value.
type Broadcast = broadcast.Broadcast

// Broadcast targets: who a Broadcast was addressed to.
const (
	TargetAll   = broadcast.TargetAll
	TargetUsers = broadcast.TargetUsers
	TargetUser  = broadcast.TargetUser
)

// Broadcasts returns every broadcast the plugins of this runtime sent, oldest
// first (§9.6). The slice is the caller's own; the payloads are shared and
// must not be modified. Safe for concurrent use.
func (rt *Runtime) Broadcasts() []Broadcast { return rt.hub.broadcasts.All() }
