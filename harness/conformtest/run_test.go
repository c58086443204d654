package conformtest_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conform-dev/conform/harness/conformtest"
)

// brokenEnv names the plugin folder the helper test runs against.
const brokenEnv = "CONFORMTEST_BROKEN_PLUGIN"

// TestHelperRunsBroken is run as a child process by the test below; on its
// own it does nothing.
func TestHelperRunsBroken(t *testing.T) {
	dir := os.Getenv(brokenEnv)
	if dir == "" {
		t.Skip("run by TestRunFailsASubtestWithTheDetails")
	}
	conformtest.Run(t, dir, conformtest.Options{})
}

// TestRunFailsASubtestWithTheDetails runs the channels example with its
// category handler broken: exactly that scenario's subtest fails, naming
// the plugin's own rule and showing expected against got; the others pass.
func TestRunFailsASubtestWithTheDetails(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node on PATH")
	}
	example := filepath.Join("..", "..", "examples", "channels")
	src, err := os.ReadFile(filepath.Join(example, "plugin.js"))
	if err != nil {
		t.Fatal(err)
	}
	const deletion = "await sql.run('DELETE FROM channels WHERE category_id = ?', [payload.id]);"
	if !strings.Contains(string(src), deletion) {
		t.Fatal("plugin.js no longer deletes a category's channels as this test expects")
	}
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("plugin.js", []byte(strings.Replace(string(src), deletion, "// forgotten", 1)))
	for _, name := range []string{"manifest.json", "conform/channels.yaml"} {
		data, err := os.ReadFile(filepath.Join(example, name))
		if err != nil {
			t.Fatal(err)
		}
		write(name, data)
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperRunsBroken$", "-test.v")
	cmd.Env = append(os.Environ(), brokenEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the broken plugin passed:\n%s", out)
	}
	text := string(out)
	for _, want := range []string{
		"--- FAIL: TestHelperRunsBroken/channels.category-deleted",
		"--- PASS: TestHelperRunsBroken/channels.create-and-list",
		"rule X-CHANNELS-4: Deleting a category deletes its channels and their messages.",
		`expected: a result matching [{"slug":"kept"}]`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q:\n%s", want, text)
		}
	}
}
