//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

// hostileFile makes, in dir, a file a user (or an attacker) could hand
// conform, and returns its path.
type hostileFile func(dir string) string

// fifo is a named pipe nobody writes to: reading it blocks forever.
func fifo(name string) hostileFile {
	return func(dir string) string {
		path := filepath.Join(dir, name)
		Expect(os.MkdirAll(filepath.Dir(path), 0o755)).To(Succeed())
		Expect(syscall.Mkfifo(path, 0o644)).To(Succeed())
		return path
	}
}

// zero is a symbolic link to /dev/zero: reading it never ends.
func zero(name string) hostileFile {
	return func(dir string) string {
		path := filepath.Join(dir, name)
		Expect(os.MkdirAll(filepath.Dir(path), 0o755)).To(Succeed())
		Expect(os.Symlink("/dev/zero", path)).To(Succeed())
		return path
	}
}

// content is a regular file holding data.
func content(name string, data []byte) hostileFile {
	return func(dir string) string {
		path := filepath.Join(dir, name)
		Expect(os.MkdirAll(filepath.Dir(path), 0o755)).To(Succeed())
		Expect(os.WriteFile(path, data, 0o644)).To(Succeed())
		return path
	}
}

// Every file conform reads is read as a regular file under a size cap
// and a nesting limit (issue 12): each hostile file below ends the real
// conform binary with exit 2 and a message that names the file, promptly,
// however the file would block or grow.
var _ = Describe("conform handed a hostile file", Ordered, func() {
	var binary string

	BeforeAll(func() {
		if _, err := os.Stat("/dev/zero"); err != nil {
			Skip("no /dev/zero here")
		}
		var err error
		binary, err = gexec.Build("github.com/conform-dev/conform/cmd/conform")
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(gexec.CleanupBuildArtifacts)
	})

	DescribeTable("exits 2 naming the file and what is wrong with it",
		func(file hostileFile, args func(path, dir string) []string, want string) {
			dir := GinkgoT().TempDir()
			path := file(dir)
			cmd := exec.Command(binary, args(path, dir)...)
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = GinkgoWriter, &stderr
			Expect(cmd.Start()).To(Succeed())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				_ = cmd.Process.Kill()
				<-done
				Fail("conform did not end within a minute of being handed " + path)
			}
			var exit *exec.ExitError
			Expect(err).To(BeAssignableToTypeOf(exit), "stderr: %s", stderr.String())
			Expect(err.(*exec.ExitError).ExitCode()).To(Equal(2), "stderr: %s", stderr.String())
			Expect(stderr.String()).To(ContainSubstring(strings.ReplaceAll(want, "PATH", path)))
		},
		Entry("a manifest that is a named pipe", fifo("plugin/manifest.json"), runPlugin,
			"conform run: PATH: is a named pipe, not a regular file [MAN-7]"),
		Entry("a manifest linked to /dev/zero", zero("plugin/manifest.json"), runPlugin,
			"conform run: PATH: is a character device, not a regular file [MAN-7]"),
		Entry("a manifest one byte over 1 MiB", content("plugin/manifest.json", bytes.Repeat([]byte(" "), 1<<20+1)), runPlugin,
			"PATH: is 1048577 bytes, over conform's 1 MiB cap for a manifest"),
		Entry("a scenario file that is a named pipe", fifo("scenarios/a.yaml"), runScenarios,
			"conform run: PATH: is a named pipe, not a regular file"),
		Entry("a scenario file linked to /dev/zero", zero("scenarios/a.json"), runScenarios,
			"conform run: PATH: is a character device, not a regular file"),
		Entry("a JSON scenario file 100,000 levels deep", content("scenarios/a.json", []byte(strings.Repeat("[", 100_000))), runScenarios,
			": values nest more than 1000 levels deep"),
		Entry("a YAML scenario file 100,000 levels deep", content("scenarios/a.yaml", []byte(strings.Repeat("[", 100_000))), runScenarios,
			"conform run: PATH: values nest more than 1000 levels deep"),
		Entry("a baseline linked to /dev/zero", zero("baseline.json"), func(path, _ string) []string {
			return []string{"run", "--baseline", path, goTestee}
		}, "conform run: --baseline: open PATH: is a character device, not a regular file"),
		Entry("a frame file that is a named pipe", fifo("frames.ndjson"), func(path, _ string) []string {
			return []string{"validate", "--as", "frame", path}
		}, "conform validate: open PATH: is a named pipe, not a regular file"),
		Entry("a transcript linked to /dev/zero", zero("t.jsonl"), func(path, _ string) []string {
			return []string{"replay", path, goTestee}
		}, "PATH: is a character device, not a regular file"),
	)
})

// runPlugin runs the plugin whose manifest is at path.
func runPlugin(path, _ string) []string { return []string{"run", filepath.Dir(path)} }

// runScenarios runs the Go testee with only the scenarios of path's folder.
func runScenarios(path, _ string) []string {
	return []string{"run", "--no-builtin", "--scenarios", filepath.Dir(path), goTestee}
}
