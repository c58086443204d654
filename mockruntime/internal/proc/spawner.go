package proc

import (
	"os/exec"
	"runtime"
	"sync"
	"syscall"
)

// The spawner starts every plugin process from one goroutine locked to its
// OS thread for the life of the program. Children get SIGKILL as their
// parent-death signal, which Linux ties to the thread that forked them; a
// thread that never exits makes that signal mean "the runtime process died",
// so even a runtime killed with SIGKILL leaves no plugin behind.
var spawner struct {
	once sync.Once
	reqs chan spawnRequest
}

type spawnRequest struct {
	cmd  *exec.Cmd
	done chan error
}

// startOnSpawner runs cmd.Start on the spawner thread, in a new process
// group (LIFE-3). Safe for concurrent use.
func startOnSpawner(cmd *exec.Cmd) error {
	spawner.once.Do(func() {
		spawner.reqs = make(chan spawnRequest)
		go runSpawner(spawner.reqs)
	})
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	req := spawnRequest{cmd: cmd, done: make(chan error, 1)}
	spawner.reqs <- req
	return <-req.done
}

func runSpawner(reqs <-chan spawnRequest) {
	runtime.LockOSThread()
	// Never unlocked: the thread must outlive every child it starts.
	for req := range reqs {
		req.done <- req.cmd.Start()
	}
}
