package proc

import (
	"os/exec"
	"syscall"
)

// group is the per-OS half of a Process: what holds the process and every
// process it starts, so that stop, kill and "nothing left behind" mean the
// same on every OS. Each OS file provides startInGroup, which prepares the
// command, starts it and returns its group.
//
//   - Linux (group_linux.go): a POSIX process group (setpgid) whose leader
//     gets SIGKILL as its parent-death signal; members are read from /proc.
//   - macOS (group_darwin.go): a POSIX process group; members are read with
//     sysctl kern.proc.pgrp. No parent-death signal exists.
//   - Windows (group_windows.go): a Job object the process is assigned to
//     right after it starts, with kill-on-close, so every descendant is in
//     it and dies with the job; members come from the job's accounting.
//
// The methods are safe for concurrent use.
type group interface {
	// signal sends sig to every process of the group.
	signal(sig syscall.Signal) error
	// members lists the processes of the group still running; zombies do
	// not count. The main process is among them until it exits.
	members() []int
	// release frees what the group holds (the job handle on Windows).
	// Called once, after the main process was reaped.
	release()
}

// startInGroup is implemented per OS.
var _ func(*exec.Cmd) (group, error) = startInGroup
