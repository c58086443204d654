package steps

import "context"

// SendRawArgs are the arguments of send_raw.
type SendRawArgs struct {
	Text string `json:"text"` // written to stdin exactly; end it with "\n"
}

// SendRaw writes bytes to the plugin's stdin exactly as given, for framing
// edge cases: blank lines, CRLF, a line that is not JSON (FRAME-15).
func SendRaw(_ context.Context, env *Env, a SendRawArgs) error {
	if err := env.Plugin.SendRaw([]byte(a.Text)); err != nil {
		return env.notRunning(err)
	}
	return nil
}
