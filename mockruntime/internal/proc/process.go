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
// started it owns it: only the owner calls Wait and Settle.
type Process struct {
	cmd   *exec.Cmd
	group group
	// Pgid is the process's id, which on Linux and macOS is also the id of
	// its process group.
	Pgid   int
	Stdin  *os.File // write end, owned by the stdin writer
	Stdout *os.File // read end, owned by the stdout reader
	Stderr *os.File // read end, owned by the stderr reader
	// groupKilled is set once the group was killed: what is left of it
	// then is dying, not left behind by the process.
	groupKilled atomic.Bool
}

// Spec says what to start.
type Spec struct {
	Argv []string
	Dir  string
	Env  []string // nil: the runtime's own environment
}

// Start starts spec in a group of its own (a process group, or a Job
// object on Windows) with fresh pipes. The pipes are plain os.Pipe files
// rather than exec's StdoutPipe, so waiting for the process never depends
// on a pipe reaching end of file: a child that keeps stdout open cannot
// delay reaping. Safe for concurrent use.
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
	g, err := startInGroup(cmd)
	pipes.closeChildEnds()
	if err != nil {
		pipes.closeHostEnds()
		return nil, fmt.Errorf("starting %q: %w", spec.Argv[0], err)
	}
	return &Process{cmd: cmd, group: g, Pgid: cmd.Process.Pid, Stdin: pipes.hostIn, Stdout: pipes.hostOut, Stderr: pipes.hostErr}, nil
}

// SignalGroup sends sig to every process in the group. It reports whether
// any process received it. SIGKILL is the only signal every OS honours
// the same way; on Windows SIGTERM is a CTRL_BREAK_EVENT to the process's
// console group and other signals are not delivered.
func (p *Process) SignalGroup(sig syscall.Signal) bool {
	if sig == syscall.SIGKILL {
		p.groupKilled.Store(true)
	}
	return p.group.signal(sig) == nil
}

// GroupKilled reports whether SIGKILL has been sent to the group.
func (p *Process) GroupKilled() bool { return p.groupKilled.Load() }

// GroupAlive reports whether any process of the group is still running
// (zombies waiting to be reaped by someone else do not count).
func (p *Process) GroupAlive() bool { return len(p.group.members()) > 0 }

// Wait reaps the main process and returns its state (LIFE-21). Only the
// owner calls it, once.
func (p *Process) Wait() *os.ProcessState {
	_ = p.cmd.Wait()
	return p.cmd.ProcessState
}

// Leftovers are the processes still running after the main one exited.
type Leftovers struct {
	// Members are processes still in the group.
	Members []int
}

// Settle is called once by the owner after Wait: it lists what the process
// left running, kills all of it and releases the group. Leftovers of a
// group that was already killed are reported too; the caller decides
// whom to blame (GroupKilled).
func (p *Process) Settle() Leftovers {
	left := Leftovers{Members: p.group.members()}
	if len(left.Members) > 0 {
		_ = p.group.signal(syscall.SIGKILL)
	}
	p.group.release()
	return left
}
