package wire

// Frame types sent by the plugin (CONFORMANCE.md §2, §3, §4, §10).
const (
	TypeReady      = "ready"
	TypeServeReady = "serve_ready"
	TypePong       = "pong"
	TypeResponse   = "response"
	TypeEventAck   = "event.ack"
)

// Frame types sent by the runtime.
const (
	TypeRequest              = "request"
	TypePing                 = "ping"
	TypeEventDeliver         = "event.deliver"
	TypeFileUploaded         = "file.uploaded"
	TypeConfigChanged        = "core.plugin.config_changed"
	TypePresenceConnected    = "presence.connected"
	TypePresenceDisconnected = "presence.disconnected"
	TypePresenceChanged      = "presence.changed"
	TypeScheduleFired        = "schedule.fired"
)
