package proc

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
)

// Every started process carries, in its environment, the variable
// CONFORM_PROC_TAG_<run>=<n>: <run> names this runtime process, <n> the
// start. Children inherit it, so a process that left the group (setsid, a
// double fork) is still known as the plugin's, and what a runtime that
// died left running can be found by the next one. The run is in the name,
// not the value, so runtimes nested in one another each keep their tag.
const tagPrefix = "CONFORM_PROC_TAG_"

var (
	runID = func() string {
		var b [4]byte
		_, _ = rand.Read(b[:])
		return strconv.Itoa(os.Getpid()) + "_" + hex.EncodeToString(b[:])
	}()
	startSeq atomic.Uint64
)

// tagKey is the variable name of run's tag.
func tagKey(run string) string { return tagPrefix + run }

// newTag is the NAME=VALUE of the next start.
func newTag() string { return tagKey(runID) + "=" + strconv.FormatUint(startSeq.Add(1), 10) }

// children are the pids this package started and has not reaped yet.
// Start holds the lock from the fork to the registration, so the reaper of
// re-parented zombies (which holds it too) never takes a process whose
// Wait belongs to someone else.
var children struct {
	mu   sync.Mutex
	pids map[int]bool
}

// isChild reports whether this package started pid and has not reaped it.
func isChild(pid int) bool {
	children.mu.Lock()
	defer children.mu.Unlock()
	return children.pids[pid]
}

// withTag returns env (nil: the runtime's environment) with tag added.
func withTag(env []string, tag string) []string {
	if env == nil {
		env = os.Environ()
	}
	return append(env[:len(env):len(env)], tag)
}

// hasEnv reports whether environ, a NUL-separated block, holds kv, or,
// when kv ends in '=', a variable of that name.
func hasEnv(environ []byte, kv string) bool {
	for len(environ) > 0 {
		var entry []byte
		if i := bytes.IndexByte(environ, 0); i >= 0 {
			entry, environ = environ[:i], environ[i+1:]
		} else {
			entry, environ = environ, nil
		}
		if kv[len(kv)-1] == '=' {
			if len(entry) >= len(kv) && string(entry[:len(kv)]) == kv {
				return true
			}
		} else if string(entry) == kv {
			return true
		}
	}
	return false
}
