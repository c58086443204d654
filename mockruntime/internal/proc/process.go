package proc

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync/atomic"
	"syscall"
	"time"
)

// Process is one running process and the host ends of its pipes. Whoever
// started it owns it: only the owner calls Wait and Settle.
type Process struct {
	cmd   *exec.Cmd
	group group
	tag   string // NAME=VALUE in its environment and its descendants'
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
	// MergeStderr sends stderr to the stdout pipe, so the output keeps the
	// order it was written in; Process.Stderr is then nil.
	MergeStderr bool
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
	pipes, err := newPipes(spec.MergeStderr)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(spec.Argv[0], spec.Argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pipes.childIn, pipes.childOut, pipes.childErr
	if spec.MergeStderr {
		cmd.Stderr = pipes.childOut
	}
	p, err := start(cmd, spec)
	pipes.closeChildEnds()
	if err != nil {
		pipes.closeHostEnds()
		return nil, err
	}
	p.Stdin, p.Stdout, p.Stderr = pipes.hostIn, pipes.hostOut, pipes.hostErr
	return p, nil
}

// start starts cmd as spec says, tagged and in a group of its own, and
// registers it as a child of this package until Wait.
func start(cmd *exec.Cmd, spec Spec) (*Process, error) {
	Init()
	tag := newTag()
	cmd.Dir, cmd.Env = spec.Dir, withTag(spec.Env, tag)
	children.mu.Lock()
	defer children.mu.Unlock()
	g, err := startInGroup(cmd)
	if err != nil {
		return nil, fmt.Errorf("starting %q: %w", spec.Argv[0], err)
	}
	if children.pids == nil {
		children.pids = map[int]bool{}
	}
	children.pids[cmd.Process.Pid] = true
	return &Process{cmd: cmd, group: g, tag: tag, Pgid: cmd.Process.Pid}, nil
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
	children.mu.Lock()
	delete(children.pids, p.cmd.Process.Pid)
	children.mu.Unlock()
	return p.cmd.ProcessState
}

// Leftovers are the processes still running after the main one exited.
type Leftovers struct {
	// Members are processes still in the group.
	Members []int
	// Escapees are processes the main one started (directly or not) that
	// had left the group, with setsid or a double fork. They are found on
	// Linux (where the runtime is a child subreaper) and on macOS; on
	// Windows nothing leaves the job.
	Escapees []Escapee
}

// Escapee is one process that left the group.
type Escapee struct {
	Pid     int
	Command string // its argv, cut short
}

// Settle is called once by the owner after Wait: it lists what the process
// left running, kills all of it, reaps what was re-parented to the runtime
// and releases the group. A process started by a leftover while it was
// being killed, or re-parented only once its parent was killed, is found
// by the next scan: Settle scans again until nothing is left (for at most
// settleLimit). Leftovers of a group that was already killed are reported
// too; the caller decides whom to blame (GroupKilled).
func (p *Process) Settle() Leftovers {
	var left Leftovers
	seen := map[int]bool{}
	deadline := time.Now().Add(settleLimit)
	for {
		members, escapees := scanLeftovers(p.group, p.tag)
		if len(left.Members) == 0 {
			left.Members = members
		}
		for _, e := range escapees {
			if !seen[e.Pid] {
				seen[e.Pid] = true
				left.Escapees = append(left.Escapees, e)
			}
			killPid(e.Pid)
		}
		if len(members) > 0 {
			_ = p.group.signal(syscall.SIGKILL)
		}
		if p.killedAny(left) {
			reapOrphans() // only killed leftovers leave zombies re-parented to us
		}
		if len(members) == 0 && len(escapees) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(settlePoll)
	}
	p.group.release()
	if p.killedAny(left) {
		// Killed processes re-parented to the runtime become its zombies
		// a moment later, once their own parents are gone.
		time.AfterFunc(100*time.Millisecond, reapOrphans)
		time.AfterFunc(time.Second, reapOrphans)
	}
	return left
}

// killedAny reports whether Settle or a SIGKILL to the group killed
// anything, whose zombies may be re-parented to the runtime.
func (p *Process) killedAny(left Leftovers) bool {
	return p.GroupKilled() || len(left.Members) > 0 || len(left.Escapees) > 0
}

// How long Settle keeps killing, and how often it looks again.
const (
	settleLimit = 5 * time.Second
	settlePoll  = 5 * time.Millisecond
)
