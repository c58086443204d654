package mockruntime

import "time"

// Backpressure (FRAME-25): a plugin that sends service calls faster than
// they are answered is slowed, never killed. While the answers it has not
// yet read (the frames queued for its stdin) together with the calls still
// being served reach maxBacklogFrames, or the queue holds maxBacklogBytes,
// the runtime stops reading the plugin's stdout; the plugin then blocks
// writing more calls until it has read enough answers. Answers wait for
// room in the queue as long as the plugin keeps reading; only a plugin
// that takes nothing from its stdin for answerStall is hung (FRAME-25).
const (
	maxBacklogFrames = 1024
	maxBacklogBytes  = 16 << 20
	answerStall      = 10 * time.Second
	// backlogPoll bounds a wait of the paused reader for a call to end,
	// which wakes nothing of its own.
	backlogPoll = 2 * time.Millisecond
)

// awaitBacklog returns once the plugin's backlog is under the limits, or
// the process has exited. It runs on the stdout reader before each line.
func (s *session) awaitBacklog() {
	var timer *time.Timer
	for {
		frames, bytes := s.w.Backlog()
		if frames+int(s.calls.Load()) < maxBacklogFrames && bytes < maxBacklogBytes {
			if timer != nil {
				timer.Stop()
			}
			return
		}
		_, progress := s.w.Progress()
		if timer == nil {
			timer = time.NewTimer(backlogPoll)
		} else {
			timer.Reset(backlogPoll)
		}
		select {
		case <-progress:
		case <-timer.C:
		case <-s.exited:
			return
		case <-s.ctx.Done():
			return
		}
	}
}
