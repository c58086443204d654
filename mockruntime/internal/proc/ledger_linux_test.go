package proc

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// A runtime killed with SIGKILL leaves its plugins' processes and its
// temporary folder; the next runtime's sweep ends and removes them
// (LIFE-25). The dead runtime is played by a process already reaped.
func TestSweepEndsWhatADeadRunLeft(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	run := strconv.Itoa(dead.Process.Pid) + "_0badc0de"
	live := strconv.Itoa(os.Getpid()) + "_00c0ffee" // a run still running
	data := map[string]string{}
	for _, r := range []string{run, live} {
		data[r] = filepath.Join(t.TempDir(), "conform-runtime-x")
		if err := os.Mkdir(data[r], 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data[r], ownerMark), []byte(r), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(ledgerDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	pidOf := map[string]int{run: dead.Process.Pid, live: os.Getpid()}
	for r, dir := range data {
		if err := os.WriteFile(filepath.Join(ledgerDir(), r), []byte("pid "+strconv.Itoa(pidOf[r])+"\ndir "+dir+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	left := exec.Command("sleep", "300")
	left.Env = append(os.Environ(), tagKey(run)+"=7")
	other := exec.Command("sleep", "300")
	other.Env = append(os.Environ(), tagKey(live)+"=7")
	for _, c := range []*exec.Cmd{left, other} {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	defer other.Process.Kill()

	sweepLedgers()

	done := make(chan error, 1)
	go func() { done <- left.Wait() }()
	select {
	case <-done:
		if ws := left.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("the dead run's process ended with %v, want SIGKILL", left.ProcessState)
		}
	case <-time.After(30 * time.Second):
		_ = left.Process.Kill()
		t.Fatal("the dead run's process is still running after the sweep")
	}
	if _, err := os.Stat(data[run]); !os.IsNotExist(err) {
		t.Errorf("the dead run's folder is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(ledgerDir(), run)); !os.IsNotExist(err) {
		t.Errorf("the dead run's ledger is still there: %v", err)
	}
	if err := other.Process.Signal(syscall.Signal(0)); err != nil {
		t.Errorf("the sweep killed a process of a run still running: %v", err)
	}
	if _, err := os.Stat(data[live]); err != nil {
		t.Errorf("the sweep removed the folder of a run still running: %v", err)
	}
}
