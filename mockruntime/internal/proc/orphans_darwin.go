package proc

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// initOS does nothing: macOS has no child subreaper. An escapee that lost
// its parent is re-parented to launchd (pid 1), where scanLeftovers looks.
func initOS() bool { return false }

// scanLeftovers lists the members of group g still running, and the running processes of this user that carry tag,
// are not in process group pgid and were re-parented to launchd or to the
// runtime; their environment is read with sysctl kern.procargs2.
func scanLeftovers(g group, tag string) (members []int, escapees []Escapee) {
	pgid := g.(posixGroup).pgid
	procs, err := unix.SysctlKinfoProcSlice("kern.proc.uid", os.Getuid())
	if err != nil {
		return LiveGroupMembers(pgid), nil
	}
	self := os.Getpid()
	for _, kp := range procs {
		pid, ppid := int(kp.Proc.P_pid), int(kp.Eproc.Ppid)
		switch {
		case kp.Proc.P_stat == sZomb:
		case int(kp.Eproc.Pgid) == pgid:
			members = append(members, pid)
		case ppid == 1 || ppid == self:
			if args, ok := procArgs(pid); ok && hasEnv(args, tag) {
				escapees = append(escapees, Escapee{Pid: pid, Command: unix.ByteSliceToString(kp.Proc.P_comm[:])})
			}
		}
	}
	return members, escapees
}

// procArgs returns pid's kern.procargs2: argc, the executable path, argv
// and the environment, NUL-separated (readable for this user's processes).
func procArgs(pid int) ([]byte, bool) {
	b, err := unix.SysctlRaw("kern.procargs2", pid)
	return b, err == nil
}

func killPid(pid int) { _ = syscall.Kill(pid, syscall.SIGKILL) }

// reapOrphans does nothing: without a subreaper, orphans are launchd's.
func reapOrphans() {}

// sweepProcs kills every process of this user carrying the tag of one of
// runs, runtimes that died without stopping their plugins.
func sweepProcs(runs []string) {
	if len(runs) == 0 {
		return
	}
	procs, err := unix.SysctlKinfoProcSlice("kern.proc.uid", os.Getuid())
	if err != nil {
		return
	}
	for _, kp := range procs {
		pid := int(kp.Proc.P_pid)
		if kp.Proc.P_stat == sZomb || pid == os.Getpid() {
			continue
		}
		args, ok := procArgs(pid)
		if !ok {
			continue
		}
		for _, run := range runs {
			if hasEnv(args, tagKey(run)+"=") {
				killPid(pid)
				break
			}
		}
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
