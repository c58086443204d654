package steps

import "context"

// SendFrameArgs are the arguments of send_frame.
type SendFrameArgs struct {
	Frame map[string]any `json:"frame"` // sent as is, as one line
	// Count sends the frame this many times, back to back: a flood for a
	// plugin that must keep reading stdin (FRAME-25, FRAME-26). Default 1.
	Count int `json:"count"`
}

// SendFrame sends a frame the scenario composed to the plugin, as is and
// without waiting for ready: a type the plugin cannot know (ENV-4), a
// response to a service call, a frame with extra members (ENV-3). A flood
// (count) ends early, without failing the step, at the first frame the
// runtime cannot queue: the runtime has then killed a plugin that stopped
// reading and recorded why (FRAME-25).
func SendFrame(_ context.Context, env *Env, a SendFrameArgs) error {
	for i := range max(a.Count, 1) {
		if err := env.Plugin.SendFrame(a.Frame); err != nil {
			if i > 0 {
				return nil
			}
			return env.notRunning(err)
		}
	}
	return nil
}
