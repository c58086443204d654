package proc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync/atomic"
	"syscall"
)

// Process is one running process and the host ends of its pipes. Whoever
// started it owns it: only the owner calls Wait.
type Process struct {
	cmd *exec.Cmd
	// Pgid is the process group id, which is also the main process's pid.
	Pgid   int
	Stdin  *os.File // write end, owned by the stdin writer
	Stdout *os.File // read end, owned by the stdout reader
	Stderr *os.File // read end, owned by the stderr reader
	// groupKilled is set once SIGKILL was sent to the group: what is left
	// of it then is dying, not left behind by the process.
	groupKilled atomic.Bool
}

// Spec says what to start.
type Spec struct {
	Argv []string
	Dir  string
	Env  []string
}

// Start starts spec in its own process group with fresh pipes. The pipes
// are plain os.Pipe files rather than exec's StdoutPipe, so waiting for the
// process never depends on a pipe reaching end of file: a child that keeps
// stdout open cannot delay reaping. Safe for concurrent use.
func Start(spec Spec) (*Process, error) {
	if len(spec.Argv) == 0 {
		return nil, errors.New("empty backend.command")
	}
	pipes, err := newPipes()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(spec.Argv[0], spec.Argv[1:]...)
	cmd.Dir, cmd.Env = spec.Dir, spec.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pipes.childIn, pipes.childOut, pipes.childErr
	err = startOnSpawner(cmd)
	pipes.closeChildEnds()
	if err != nil {
		pipes.closeHostEnds()
		return nil, fmt.Errorf("starting %q: %w", spec.Argv[0], err)
	}
	return &Process{cmd: cmd, Pgid: cmd.Process.Pid, Stdin: pipes.hostIn, Stdout: pipes.hostOut, Stderr: pipes.hostErr}, nil
}

// SignalGroup sends sig to every process in the group. It reports whether
// any process received it.
func (p *Process) SignalGroup(sig syscall.Signal) bool {
	if sig == syscall.SIGKILL {
		p.groupKilled.Store(true)
	}
	return syscall.Kill(-p.Pgid, sig) == nil
}

// GroupKilled reports whether SIGKILL has been sent to the group.
func (p *Process) GroupKilled() bool { return p.groupKilled.Load() }

// GroupAlive reports whether any process of the group is still running
// (zombies waiting to be reaped by someone else do not count).
func (p *Process) GroupAlive() bool { return len(LiveGroupMembers(p.Pgid)) > 0 }

// Wait reaps the main process and returns its state (LIFE-21). Only the
// owner calls it, once.
func (p *Process) Wait() *os.ProcessState {
	_ = p.cmd.Wait()
	return p.cmd.ProcessState
}
