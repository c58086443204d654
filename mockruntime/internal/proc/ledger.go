package proc

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// The ledger guards against the runtime's own death (SIGKILL, an OOM
// kill), when nothing of it runs to stop its plugins. Each runtime process
// writes <temp>/conform-ledger-<uid>/<run>: its pid, then every temporary
// folder it owns. The next runtime to start as the same user sweeps the
// ledgers of runtimes no longer running: it kills every process still
// carrying such a run's tag (CONFORMANCE.md LIFE-25), removes the folders
// that still hold that run's owner mark, and deletes the ledger. A
// runtime that exits normally leaves its ledger too, with nothing left to
// sweep; the next start deletes it.

var initOnce sync.Once

// subreaper reports whether Init made this process a child subreaper.
var subreaper bool

// ownerMark is the file in an owned folder naming the run that owns it.
const ownerMark = ".conform-owner"

// Init prepares this process to run plugins, once: on Linux it becomes a
// child subreaper, then it sweeps what runtimes that died left behind and
// writes its own ledger. Start calls it; a host may call it earlier.
// Safe for concurrent use.
func Init() {
	initOnce.Do(func() {
		subreaper = initOS()
		sweepLedgers()
		writeLedger("pid " + strconv.Itoa(os.Getpid()) + "\n")
	})
}

// Subreaper reports whether escapees are re-parented to this process.
func Subreaper() bool { Init(); return subreaper }

var ledgerMu sync.Mutex

func ledgerDir() string {
	return filepath.Join(os.TempDir(), "conform-ledger-"+strconv.Itoa(os.Getuid()))
}

func writeLedger(line string) {
	ledgerMu.Lock()
	defer ledgerMu.Unlock()
	if err := os.MkdirAll(ledgerDir(), 0o700); err != nil {
		return
	}
	f, err := os.OpenFile(filepath.Join(ledgerDir(), runID), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	_, _ = f.WriteString(line)
	_ = f.Close()
}

// Own records dir, a temporary folder of this run, so that if this run
// dies without removing it the next run does.
func Own(dir string) {
	Init()
	if os.WriteFile(filepath.Join(dir, ownerMark), []byte(runID), 0o600) == nil {
		writeLedger("dir " + dir + "\n")
	}
}

// sweepLedgers handles the ledgers of runs no longer running.
func sweepLedgers() {
	entries, err := os.ReadDir(ledgerDir())
	if err != nil {
		return
	}
	var dead []string
	dirs := map[string][]string{}
	for _, e := range entries {
		run := e.Name()
		path := filepath.Join(ledgerDir(), run)
		pid, owned, ok := readLedger(path)
		if !ok || processAlive(pid) {
			continue
		}
		dead = append(dead, run)
		dirs[run] = owned
	}
	sweepProcs(dead)
	for _, run := range dead {
		for _, d := range dirs[run] {
			if mark, err := os.ReadFile(filepath.Join(d, ownerMark)); err == nil && string(mark) == run {
				_ = os.RemoveAll(d)
			}
		}
		_ = os.Remove(filepath.Join(ledgerDir(), run))
	}
}

func readLedger(path string) (pid int, dirs []string, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		kind, arg, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "pid":
			pid, err = strconv.Atoi(arg)
			ok = err == nil && pid > 0
		case "dir":
			dirs = append(dirs, arg)
		}
	}
	return pid, dirs, ok
}
