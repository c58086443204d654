package proc

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// The spawner starts every process from one goroutine locked to its OS
// thread for the life of the program. Children get SIGKILL as their
// parent-death signal, which Linux ties to the thread that forked them; a
// thread that never exits makes that signal mean "the runtime process
// died", so even a runtime killed with SIGKILL leaves no group leader
// behind.
var spawner struct {
	once sync.Once
	reqs chan spawnRequest
}

type spawnRequest struct {
	cmd  *exec.Cmd
	done chan error
}

// startInGroup starts cmd on the spawner thread, in a new process group
// (LIFE-3). Safe for concurrent use.
func startInGroup(cmd *exec.Cmd) (group, error) {
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
	if err := <-req.done; err != nil {
		return nil, err
	}
	return posixGroup{pgid: cmd.Process.Pid}, nil
}

func runSpawner(reqs <-chan spawnRequest) {
	runtime.LockOSThread()
	// Never unlocked: the thread must outlive every child it starts.
	for req := range reqs {
		req.done <- req.cmd.Start()
	}
}

// LiveGroupMembers lists the processes of process group pgid that are still
// running, read from /proc. Zombies do not count: a process already dead
// but not yet reaped by its new parent runs nothing and holds nothing.
func LiveGroupMembers(pgid int) []int {
	var live []int
	forEachProc(func(st procInfo) {
		if st.pgrp == pgid && st.live() {
			live = append(live, st.pid)
		}
	})
	return live
}

// procInfo is what /proc/<pid>/stat says of a process.
type procInfo struct {
	pid, ppid, pgrp int
	state           byte
}

func (p procInfo) live() bool { return p.state != 'Z' && p.state != 'X' }

// forEachProc calls fn for every process in /proc it can read.
func forEachProc(fn func(procInfo)) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := procStat(pid); ok {
			fn(st)
		}
	}
}

// procStat reads /proc/<pid>/stat.
func procStat(pid int) (procInfo, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procInfo{}, false
	}
	// The command name is in parentheses and may hold spaces: parse after
	// the last ')'. Fields then are: state ppid pgrp ...
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procInfo{}, false
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) < 3 || len(fields[0]) == 0 {
		return procInfo{}, false
	}
	ppid, err1 := strconv.Atoi(fields[1])
	pgrp, err2 := strconv.Atoi(fields[2])
	if err1 != nil || err2 != nil {
		return procInfo{}, false
	}
	return procInfo{pid: pid, ppid: ppid, pgrp: pgrp, state: fields[0][0]}, true
}
