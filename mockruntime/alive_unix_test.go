//go:build unix

package mockruntime_test

import "syscall"

// alive reports whether a process exists (signal 0 probes it).
func alive(pid int) bool { return syscall.Kill(pid, 0) == nil }
