package plan

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// Stdout is the file name that sends a report to standard output.
const Stdout = "-"

// CheckOutputFile checks, before anything starts, that the report file
// named by flag can be written when the run ends: it is not a folder, and
// its folder exists and takes new files.
func CheckOutputFile(flag, file string) error {
	if info, err := os.Stat(file); err == nil && info.IsDir() {
		return fmt.Errorf("%s %s: is a folder; name a file", flag, file)
	}
	dir := filepath.Dir(file)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("%s %s: the folder %s does not exist", flag, file, dir)
	}
	return checkWritable(flag, file, dir)
}

// CheckOutputFolder is CheckOutputFile, under its older name.
func CheckOutputFolder(flag, file string) error { return CheckOutputFile(flag, file) }

// checkOutputDir makes the folder named by flag and checks that it takes
// new files.
func checkOutputDir(flag, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	return checkWritable(flag, dir, dir)
}

// checkWritable creates and removes a file in dir, the one sure test that
// the folder takes new files whatever the OS and its permissions say.
func checkWritable(flag, name, dir string) error {
	f, err := os.CreateTemp(dir, ".conform-write-check-*")
	if err != nil {
		return fmt.Errorf("%s %s: the folder %s cannot be written: %w", flag, name, dir, errors.Unwrap(err))
	}
	f.Close()
	return os.Remove(f.Name())
}

// checkStartable checks, once the builds ran, that each plugin's
// backend.command names a program that exists and may be executed,
// resolved as LIFE-1 says. A plugin that cannot be started is an input
// error (exit 2) before any scenario: no scenario could say anything
// about it.
func (p *Plan) checkStartable() error {
	var errs []error
	for _, t := range p.Plugins {
		rule := "LIFE-1"
		if t.Target.Profile == scenario.ProfileSDK {
			rule = "TST-3" // a testee's manifest must start it, building it if need be
		}
		errs = append(errs, startable(t.Manifest, rule))
	}
	return errors.Join(errs...)
}

// startable reports why the program of m's backend.command cannot be
// started, citing rule, or nil (also for a data-only plugin, which starts
// nothing).
func startable(m *mockruntime.Manifest, rule string) error {
	if m.Backend == nil || len(m.Backend.Command) == 0 {
		return nil
	}
	argv0 := m.Backend.Command[0]
	resolved := argv0
	if strings.ContainsRune(argv0, '/') || strings.ContainsRune(argv0, filepath.Separator) {
		if !filepath.IsAbs(argv0) {
			resolved = filepath.Join(m.Dir, argv0)
		}
		if abs, err := filepath.Abs(resolved); err == nil {
			resolved = abs
		}
	}
	if _, err := exec.LookPath(resolved); err != nil {
		return fmt.Errorf("%s: the plugin cannot be started: backend.command[0] %q: %s [%s]", m.Path, argv0, whyNotStartable(resolved, err), rule)
	}
	return nil
}

// whyNotStartable says in a few words why LookPath refused path.
func whyNotStartable(path string, err error) string {
	if !strings.ContainsRune(path, filepath.Separator) && !strings.ContainsRune(path, '/') {
		return "not found in PATH"
	}
	info, statErr := os.Stat(path)
	switch {
	case statErr != nil:
		return path + " does not exist (has the plugin been built?)"
	case info.IsDir():
		return path + " is a folder"
	case info.Mode()&0o111 == 0:
		return path + " is not executable"
	}
	return err.Error()
}

// IsSelfCheck reports whether sc is a runtime self-check: a scenario that
// never runs the plugin under test, because its manifest patch replaces
// backend.command (a script stands in for the plugin) or it starts no
// plugin at all (it checks the runtime on manifests written inline). Its
// verdict says nothing about the plugin (CONFORMANCE.md §14).
func IsSelfCheck(sc *scenario.Scenario) bool {
	if backend, ok := sc.Manifest["backend"].(map[string]any); ok {
		if _, ok := backend["command"]; ok {
			return true
		}
	}
	for _, st := range sc.Steps {
		if st.Kind == "start" || st.Kind == "restart" {
			return false
		}
	}
	return true
}

// emptySelection explains a run whose selection leaves no scenario to
// run, quoting the filters that did it.
func emptySelection(cfg RunConfig, notInProfile int) error {
	var filters []string
	for _, f := range []struct{ flag, value string }{
		{"--focus", cfg.Focus}, {"--skip", cfg.Skip}, {"--label-filter", cfg.LabelFilter},
		{"--shard", cfg.Shard}, {"--rerun-failed", cfg.RerunFailed},
	} {
		if f.value != "" {
			filters = append(filters, fmt.Sprintf("%s %q", f.flag, f.value))
		}
	}
	what := "the scenarios loaded"
	if len(filters) > 0 {
		what = strings.Join(filters, " ")
	}
	msg := fmt.Sprintf("no scenario to run: %s selects none of the %s profile", what, cfg.Profile)
	if notInProfile > 0 {
		msg += fmt.Sprintf(" (%d selected are written for the other profile)", notInProfile)
	}
	return errors.New(msg)
}
