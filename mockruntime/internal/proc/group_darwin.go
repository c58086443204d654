package proc

import (
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// startInGroup starts cmd in a new process group (LIFE-3). macOS has no
// parent-death signal: a runtime killed with SIGKILL leaves its groups
// running (CONFORMANCE.md §3.6).
func startInGroup(cmd *exec.Cmd) (group, error) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return posixGroup{pgid: cmd.Process.Pid}, nil
}

// sZomb is the p_stat of a zombie (sys/proc.h SZOMB).
const sZomb = 5

// LiveGroupMembers lists the processes of process group pgid that are still
// running, read with sysctl kern.proc.pgrp. Zombies do not count.
func LiveGroupMembers(pgid int) []int {
	procs, err := unix.SysctlKinfoProcSlice("kern.proc.pgrp", pgid)
	if err != nil {
		return nil
	}
	var live []int
	for _, kp := range procs {
		if int(kp.Eproc.Pgid) == pgid && kp.Proc.P_stat != sZomb {
			live = append(live, int(kp.Proc.P_pid))
		}
	}
	return live
}
