//go:build linux || darwin

package proc

import "syscall"

// posixGroup is a POSIX process group whose id is its leader's pid.
type posixGroup struct{ pgid int }

func (g posixGroup) signal(sig syscall.Signal) error { return syscall.Kill(-g.pgid, sig) }
func (g posixGroup) members() []int                  { return LiveGroupMembers(g.pgid) }
func (g posixGroup) release()                        {}
