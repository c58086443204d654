package mockruntime

import (
	"fmt"
	"time"

	"github.com/conform-dev/conform/mockruntime/internal/proc"
)

// awaitExit owns the process's Wait (LIFE-21). Once the main process is
// reaped it checks the process group and the processes that left it for
// leftovers (LIFE-22, LIFE-23),
// drains the readers, fails pending requests and hands the outcome to the
// plugin's restart policy. Leftovers of a group the runtime has already
// sent SIGKILL are dying, not the plugin's fault: they are killed again
// without a violation.
func (s *session) awaitExit() {
	st := s.proc.Wait()
	left := s.proc.Settle() // kills what is left and releases the group
	if len(left.Members) > 0 && !s.proc.GroupKilled() {
		s.violation("LIFE-22", "processes of the plugin's group were still running after it exited; killing them", nil)
	}
	for _, e := range left.Escapees { // left the group: the runtime's kill never reached them (LIFE-23)
		s.violation("LIFE-22", fmt.Sprintf("process %d (%s) left the plugin's process group and was still running after it exited; killed it", e.Pid, e.Command),
			map[string]any{"pid": e.Pid, "command": e.Command})
	}
	s.stopTimers()
	s.w.Abort()
	s.drainReaders()
	s.cancel()

	code, signal := proc.ExitSummary(st)
	s.mu.Lock()
	exit := Exit{Code: code, Signal: signal, Requested: s.stopRequested && s.killReason == "", Reason: s.killReason}
	if s.stopRequested && exit.Reason == "" {
		exit.Reason = "stop"
	}
	s.mu.Unlock()
	s.rt.decide(s.p.Slug(), "exit", "LIFE-21", exitDetail(exit), map[string]any{"code": code, "signal": signal, "requested": exit.Requested, "reason": exit.Reason})
	s.failPending()
	s.p.detachBus(s)
	s.p.onSessionExit(s, exit) // before exited: whoever waits sees the new state
	close(s.exited)
}

// drainReaders waits for the pipe readers to reach end of file, closing the
// pipes if something outside the group keeps them open.
func (s *session) drainReaders() {
	drained := make(chan struct{})
	go func() { s.readers.Wait(); close(drained) }()
	select {
	case <-drained:
	case <-time.After(readerGrace):
		s.closeReaders()
		<-drained
	}
	proc.CloseFiles(s.proc.Stdout, s.proc.Stderr)
}

func exitDetail(e Exit) string {
	how := fmt.Sprintf("exit status %d", e.Code)
	if e.Signal != "" {
		how = "killed by " + e.Signal
	}
	if e.Reason != "" {
		how += " (" + e.Reason + ")"
	}
	return how
}
