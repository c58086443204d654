package mockruntime

// Broadcasts returns every broadcast the plugins of this runtime sent, oldest
// first (§9.6). The slice is the caller's own; the payloads are shared and
// must not be modified. Safe for concurrent use.
func (rt *Runtime) Broadcasts() []Broadcast { return rt.hub.broadcasts.all() }
