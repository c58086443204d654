package harness

import "context"

// SendFrameArgs are the arguments of send_frame.
type SendFrameArgs struct {
	Frame map[string]any `json:"frame"` // sent as is, as one line
}

// SendFrame sends a frame the scenario composed to the plugin, as is and
// without waiting for ready: a type the plugin cannot know (ENV-4), a
// response to a service call, a frame with extra members (ENV-3).
func SendFrame(_ context.Context, env *Env, a SendFrameArgs) error {
	if err := env.Plugin.SendFrame(a.Frame); err != nil {
		return env.notRunning(err)
	}
	return nil
}
