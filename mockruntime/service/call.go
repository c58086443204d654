package service

import (
	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/manifest"
)

// Call is one service call being served. The runtime builds it after the
// params passed their schema and the capability check; handlers read it
// and must not modify it.
type Call struct {
	Type   string         // the frame type, the service's name
	Op     string         // params.op when the service has operations, else ""
	Params map[string]any // the validated params; numbers are json.Number
	// Plugin is the plugin that made the call.
	Plugin Plugin
	// Process is the plugin's process that made the call.
	Process Process
	// Host is what the runtime lends every handler.
	Host Host
}

// Plugin is a loaded plugin as services see it. Values are comparable: the
// same plugin is always the same value, so it may key a map. Safe for
// concurrent use.
type Plugin interface {
	Slug() string
	// Manifest is the manifest the plugin was loaded with (read-only).
	Manifest() *manifest.Manifest
	// DataDir is the plugin's data folder: its database, files/ and
	// settings.json.
	DataDir() string
	// Notify sends a notification frame (§11) to the plugin's current
	// process. A plugin that is not running and ready misses it: the drop
	// is recorded (NOTE-1) and mockruntime.ErrNotRunning returned. Never
	// blocks.
	Notify(frame map[string]any) error
}

// Process is one process of a plugin, from spawn to exit. Values are
// comparable. Safe for concurrent use.
type Process interface {
	// Request returns a request of this process that is still awaiting
	// its response (PRES-3).
	Request(id string) (RequestContext, bool)
	// Current reports whether this process is still its plugin's current
	// one: false once it has exited or been replaced.
	Current() bool
}

// RequestContext is what the runtime knows of a request in progress.
type RequestContext struct {
	ID        string
	SessionID string // the caller's client session; "" when it has none
	User      User
}

// User is the caller of a request (REQ-1).
type User struct {
	ID          string  `json:"id"`
	DisplayName string  `json:"displayName"`
	AvatarURL   *string `json:"avatarUrl"`
	Role        string  `json:"role"`
}

// Host is what the runtime lends services. Safe for concurrent use.
type Host interface {
	// Clock is the runtime's one source of time (TIME-1).
	Clock() clock.Clock
	// Decide records a decision of the runtime in the transcript, for
	// plugin (a slug, or "runtime"), and returns its sequence number.
	Decide(plugin, decision, rule, detail string, data map[string]any) int64
	// Plugin returns the loaded plugin with the given slug.
	Plugin(slug string) (Plugin, bool)
}
