package mockruntime

// State is where a plugin is in its lifecycle (CONFORMANCE.md §3).
type State int

const (
	// Stopped: no process; the host has not started it or stopped it.
	Stopped State = iota
	// Starting: a process is running but has not sent ready.
	Starting
	// Running: the process sent ready.
	Running
	// Stopping: the runtime is shutting the process down.
	Stopping
	// Restarting: the process crashed and a restart is scheduled (LIFE-14).
	Restarting
	// Crashed: the process crashed and automatic restart is disabled.
	Crashed
	// Failed: too many consecutive crashes; no more restarts (LIFE-15).
	Failed
)

var stateNames = [...]string{"stopped", "starting", "running", "stopping", "restarting", "crashed", "failed"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// holdsRequests reports whether a request made in this state waits for the
// plugin to become ready (LIFE-17) rather than failing at once.
func (s State) holdsRequests() bool { return s == Starting || s == Restarting || s == Running }
