package proc

import (
	"errors"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// jobGroup is a Job object holding the process and, since a process in a
// job cannot leave it unless the job allows breakaway (this one does not),
// everything it starts. Kill-on-close ends every process of the job when
// the last handle closes, including when the runtime itself dies.
type jobGroup struct {
	mu   sync.Mutex
	job  windows.Handle // 0 once released
	pid  uint32
	main windows.Handle // the main process, for CTRL_BREAK
}

// startInGroup starts cmd in its own console process group and assigns it
// to a fresh Job object. Between the start and the assignment (a few
// system calls) a process the plugin starts would not be in the job:
// exec.Cmd gives no way to start a process suspended and resume it.
func startInGroup(cmd *exec.Cmd) (group, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return nil, err
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		_ = windows.CloseHandle(job)
		return nil, err
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= windows.CREATE_NEW_PROCESS_GROUP
	if err := cmd.Start(); err != nil {
		_ = windows.CloseHandle(job)
		return nil, err
	}
	pid := uint32(cmd.Process.Pid)
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, pid)
	if err == nil {
		err = windows.AssignProcessToJobObject(job, h)
		_ = windows.CloseHandle(h)
	}
	if err != nil {
		_ = cmd.Process.Kill()
		_ = windows.CloseHandle(job)
		return nil, err
	}
	return &jobGroup{job: job, pid: pid}, nil
}

// signal: SIGKILL terminates every process of the job; SIGTERM is a
// CTRL_BREAK_EVENT to the process's console group, which a console
// program can handle as its request to stop.
func (g *jobGroup) signal(sig syscall.Signal) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.job == 0 {
		return errors.New("job released")
	}
	switch sig {
	case syscall.SIGKILL:
		return windows.TerminateJobObject(g.job, 1)
	case syscall.SIGTERM, syscall.SIGINT:
		return windows.GenerateConsoleCtrlEvent(windows.CTRL_BREAK_EVENT, g.pid)
	}
	return errors.New("signal not supported on Windows")
}

// jobProcessIDList is JOBOBJECT_BASIC_PROCESS_ID_LIST with room for 256 ids.
type jobProcessIDList struct {
	Assigned uint32
	Listed   uint32
	IDs      [256]uintptr
}

// members lists the job's running processes from its accounting.
func (g *jobGroup) members() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.job == 0 {
		return nil
	}
	var list jobProcessIDList
	err := windows.QueryInformationJobObject(g.job, windows.JobObjectBasicProcessIdList,
		uintptr(unsafe.Pointer(&list)), uint32(unsafe.Sizeof(list)), nil)
	if err != nil && !errors.Is(err, windows.ERROR_MORE_DATA) {
		return nil
	}
	var live []int
	for _, id := range list.IDs[:min(int(list.Listed), len(list.IDs))] {
		live = append(live, int(id))
	}
	for len(live) < int(list.Assigned) { // more than the list holds
		live = append(live, -1)
	}
	return live
}

// release closes the job handle, killing whatever is still in it.
func (g *jobGroup) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.job != 0 {
		_ = windows.CloseHandle(g.job)
		g.job = 0
	}
}

// LiveGroupMembers has no meaning on Windows, where groups are Job
// objects and not named by a pid: it reports nothing.
func LiveGroupMembers(pgid int) []int { return nil }
