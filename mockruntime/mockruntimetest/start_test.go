package mockruntimetest_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/mockruntimetest"
)

// goTestee is the Go reference testee, built by its manifest's build step.
var goTestee = filepath.Join("..", "..", "fixtures", "plugins", "go")

func TestStartServesAndCleansUp(t *testing.T) {
	var p *mockruntime.Plugin
	t.Run("inner", func(t *testing.T) {
		h := mockruntimetest.Start(t, goTestee, mockruntimetest.Options{})
		p = h.Plugin
		if got := h.Request(t, "echo", map[string]any{"n": 1.0}); got.(map[string]any)["n"] != 1.0 {
			t.Errorf("echo = %v", got)
		}
		r := h.Do(t, mockruntime.Request{Action: "no-such-action"})
		if r.Error == nil || r.Error.Code != "UNKNOWN_ACTION" {
			t.Errorf("an unknown action: %+v", r)
		}
		h.NoViolations(t)
	})
	if st := p.State(); st == mockruntime.Running || st == mockruntime.Starting {
		t.Errorf("after the test's cleanup the plugin is %s", st)
	}
}

// TestHelperFails is run as a child by the test below.
func TestHelperFails(t *testing.T) {
	if os.Getenv("MOCKRUNTIMETEST_CHILD") == "" {
		t.Skip("run by TestAFailedTestLogsTheTranscriptTail")
	}
	h := mockruntimetest.Start(t, goTestee, mockruntimetest.Options{TranscriptTail: 5})
	h.Request(t, "echo", map[string]any{"marker": "in the tail"})
	t.Error("failing on purpose")
}

func TestAFailedTestLogsTheTranscriptTail(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperFails$", "-test.v")
	cmd.Env = append(os.Environ(), "MOCKRUNTIMETEST_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the child passed:\n%s", out)
	}
	for _, want := range []string{"failing on purpose", "the transcript's last 5 of", `"marker":"in the tail"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the output lacks %q:\n%s", want, out)
		}
	}
}
