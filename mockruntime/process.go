package mockruntime

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"
	"syscall"
)

// process is one running plugin process and the host ends of its pipes.
// The session that started it owns it: only that session calls wait.
type process struct {
	cmd    *exec.Cmd
	pgid   int
	stdin  *os.File // write end, owned by the stdinWriter
	stdout *os.File // read end, owned by the stdout reader
	stderr *os.File // read end, owned by the stderr reader
	// groupKilled is set once the runtime has sent SIGKILL to the group:
	// what is left of it then is dying, not left behind by the plugin.
	groupKilled atomic.Bool
}

// procSpec says what to start.
type procSpec struct {
	argv []string
	dir  string
	env  []string
}

// startProcess starts spec in its own process group with fresh pipes. The
// pipes are plain os.Pipe files rather than exec's StdoutPipe, so waiting
// for the process never depends on a pipe reaching end of file: a child
// that keeps stdout open cannot delay reaping.
func startProcess(spec procSpec) (*process, error) {
	if len(spec.argv) == 0 {
		return nil, errors.New("empty backend.command")
	}
	pipes, err := newPipes()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(spec.argv[0], spec.argv[1:]...)
	cmd.Dir, cmd.Env = spec.dir, spec.env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pipes.childIn, pipes.childOut, pipes.childErr
	err = startOnSpawner(cmd)
	pipes.closeChildEnds()
	if err != nil {
		pipes.closeHostEnds()
		return nil, fmt.Errorf("starting %q: %w", spec.argv[0], err)
	}
	return &process{cmd: cmd, pgid: cmd.Process.Pid, stdin: pipes.hostIn, stdout: pipes.hostOut, stderr: pipes.hostErr}, nil
}

// signalGroup sends sig to every process in the plugin's group. It reports
// whether any process received it.
func (p *process) signalGroup(sig syscall.Signal) bool {
	if sig == syscall.SIGKILL {
		p.groupKilled.Store(true)
	}
	return syscall.Kill(-p.pgid, sig) == nil
}

// groupAlive reports whether any process of the group is still running
// (zombies waiting to be reaped by someone else do not count).
func (p *process) groupAlive() bool { return len(liveGroupMembers(p.pgid)) > 0 }

// wait reaps the main process and returns its state (LIFE-21).
func (p *process) wait() *os.ProcessState {
	_ = p.cmd.Wait()
	return p.cmd.ProcessState
}

type pipeSet struct {
	childIn, hostIn   *os.File
	hostOut, childOut *os.File
	hostErr, childErr *os.File
}

func newPipes() (*pipeSet, error) {
	var ps pipeSet
	var err error
	if ps.childIn, ps.hostIn, err = os.Pipe(); err != nil {
		return nil, err
	}
	if ps.hostOut, ps.childOut, err = os.Pipe(); err != nil {
		ps.closeAll()
		return nil, err
	}
	if ps.hostErr, ps.childErr, err = os.Pipe(); err != nil {
		ps.closeAll()
		return nil, err
	}
	return &ps, nil
}

func (ps *pipeSet) closeChildEnds() { closeFiles(ps.childIn, ps.childOut, ps.childErr) }
func (ps *pipeSet) closeHostEnds()  { closeFiles(ps.hostIn, ps.hostOut, ps.hostErr) }
func (ps *pipeSet) closeAll()       { ps.closeChildEnds(); ps.closeHostEnds() }

func closeFiles(files ...*os.File) {
	for _, f := range files {
		if f != nil {
			_ = f.Close()
		}
	}
}

// exitSummary describes how a process ended, for the transcript.
func exitSummary(st *os.ProcessState) (code int, signal string) {
	if st == nil {
		return -1, ""
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return -1, signalName(ws.Signal())
	}
	return st.ExitCode(), ""
}

// signalName names the signals a plugin usually dies of.
func signalName(sig syscall.Signal) string {
	names := map[syscall.Signal]string{
		syscall.SIGKILL: "SIGKILL", syscall.SIGTERM: "SIGTERM", syscall.SIGINT: "SIGINT",
		syscall.SIGHUP: "SIGHUP", syscall.SIGABRT: "SIGABRT", syscall.SIGSEGV: "SIGSEGV",
		syscall.SIGPIPE: "SIGPIPE", syscall.SIGQUIT: "SIGQUIT", syscall.SIGBUS: "SIGBUS",
	}
	if n, ok := names[sig]; ok {
		return n
	}
	return "signal " + strconv.Itoa(int(sig))
}
