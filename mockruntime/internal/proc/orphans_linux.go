package proc

import (
	"bytes"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// initOS makes this process a child subreaper: a process the plugin starts
// that leaves its group and loses its parent (setsid, a double fork) is
// re-parented to the runtime instead of to init, so it can be found (its
// parent is us) and its zombie is ours to reap.
func initOS() bool { return unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == nil }

// scanLeftovers lists the members of group g still running, and the running processes that carry tag (NAME=VALUE),
// are not in process group pgid and have lost their parent: re-parented
// to the runtime (a child subreaper) or to init. One that still has a
// parent in the group is found once the group is killed.
func scanLeftovers(g group, tag string) (members []int, escapees []Escapee) {
	pgid := g.(posixGroup).pgid
	self := os.Getpid()
	var orphans []procInfo
	forEachProc(func(st procInfo) {
		switch {
		case !st.live():
		case st.pgrp == pgid:
			members = append(members, st.pid)
		case st.ppid == self || st.ppid == 1:
			orphans = append(orphans, st)
		}
	})
	for _, st := range orphans {
		if st.ppid == self && isChild(st.pid) {
			continue // a process this package started: not an orphan
		}
		if env, err := os.ReadFile("/proc/" + strconv.Itoa(st.pid) + "/environ"); err == nil && hasEnv(env, tag) {
			escapees = append(escapees, Escapee{Pid: st.pid, Command: cmdline(st.pid)})
		}
	}
	return members, escapees
}

// cmdline is the argv of pid, joined by spaces and cut to 200 bytes.
func cmdline(pid int) string {
	b, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	b = bytes.TrimRight(b, "\x00")
	b = bytes.ReplaceAll(b, []byte{0}, []byte{' '})
	if len(b) > 200 {
		b = append(b[:200], "…"...)
	}
	return string(b)
}

// killPid sends SIGKILL to one process.
func killPid(pid int) { _ = syscall.Kill(pid, syscall.SIGKILL) }

// reapOrphans reaps the zombies re-parented to the runtime: children that
// this package did not start, outside the runtime's own process group.
// Those are left of plugin groups or escapees (every plugin and build runs
// in a group of its own); a child someone else started with exec and
// still owns shares the runtime's group and is never touched.
func reapOrphans() {
	self, ownGroup := os.Getpid(), syscall.Getpgrp()
	var zombies []int
	forEachProc(func(st procInfo) {
		if st.ppid == self && st.state == 'Z' && st.pgrp != ownGroup {
			zombies = append(zombies, st.pid)
		}
	})
	// The scan runs without the lock, which Start holds from the fork to
	// the registration: a zombie seen by the scan was forked already, so
	// once the lock is ours it is registered if this package started it.
	children.mu.Lock()
	defer children.mu.Unlock()
	for _, pid := range zombies {
		if !children.pids[pid] {
			var ws syscall.WaitStatus
			_, _ = syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		}
	}
}

// sweepProcs kills every running process of this user carrying the tag of
// one of runs, runtimes that died without stopping their plugins.
func sweepProcs(runs []string) {
	if len(runs) == 0 {
		return
	}
	uid := strconv.Itoa(os.Getuid())
	forEachProc(func(st procInfo) {
		if !st.live() || st.pid == os.Getpid() || !ownedBy(st.pid, uid) {
			return
		}
		env, err := os.ReadFile("/proc/" + strconv.Itoa(st.pid) + "/environ")
		if err != nil {
			return
		}
		for _, run := range runs {
			if hasEnv(env, tagKey(run)+"=") {
				killPid(st.pid)
				return
			}
		}
	})
}

// ownedBy reports whether /proc/<pid> belongs to uid.
func ownedBy(pid int, uid string) bool {
	fi, err := os.Stat("/proc/" + strconv.Itoa(pid))
	if err != nil {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && strconv.Itoa(int(st.Uid)) == uid
}

// processAlive reports whether pid exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
