package proc

import "golang.org/x/sys/windows"

// initOS does nothing: a process in a Job object cannot leave it (the job
// does not allow breakaway), so there are no escapees to look for.
func initOS() bool { return false }

// scanLeftovers reports the job's members; nothing escapes a job.
func scanLeftovers(g group, tag string) ([]int, []Escapee) { return g.members(), nil }

func killPid(int)  {}
func reapOrphans() {}
func sweepProcs([]string) {
	// Nothing to do: kill-on-close ended every job of a runtime that died.
}

func processAlive(pid int) bool {
	h, err := windows.OpenProcess(windows.SYNCHRONIZE, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	ev, err := windows.WaitForSingleObject(h, 0)
	return err == nil && ev == uint32(windows.WAIT_TIMEOUT)
}
