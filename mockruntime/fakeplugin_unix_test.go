//go:build unix

package mockruntime_test

import (
	"os/exec"
	"syscall"
)

// Hostile fake plugins that leave processes outside their process group.
func init() {
	// escapee: a child in a session (and group) of its own, left running.
	fakePlugins["escapee"] = func() int {
		child := exec.Command("sleep", "300")
		child.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := child.Start(); err != nil {
			return 1
		}
		emit(`{"type":"ready"}`)
		return serve(nil)
	}
	// double-fork: sh, in a session of its own, starts sleep in the
	// background and exits; sleep has lost its parent before the plugin
	// even sends ready, and is re-parented to the nearest subreaper.
	fakePlugins["double-fork"] = func() int {
		sh := exec.Command("sh", "-c", "sleep 300 </dev/null >/dev/null 2>&1 &")
		sh.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
		if err := sh.Run(); err != nil {
			return 1
		}
		emit(`{"type":"ready"}`)
		return serve(nil)
	}
}
