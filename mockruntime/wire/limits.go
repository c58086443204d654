package wire

// Size limits of CONFORMANCE.md §1.1 and REQ-6.
const (
	// MaxLineBytes is the cap on one line, counted without its newline
	// (FRAME-7, FRAME-8).
	MaxLineBytes = 4 << 20
	// ResponseHeadroom is the room kept for a response envelope (REQ-6).
	ResponseHeadroom = 4096
	// MaxResultBytes is the largest encoded `result` that may be sent
	// (REQ-6, SVC-6).
	MaxResultBytes = MaxLineBytes - ResponseHeadroom
	// MaxIDBytes is the longest frame id (ENV-2).
	MaxIDBytes = 256
	// MaxStderrLineBytes is the piece size for long stderr lines (FRAME-12).
	MaxStderrLineBytes = 64 << 10
	// FramePrefix starts every frame line on a plugin's stdout (FRAME-1).
	FramePrefix = "IPC:"
)
