//go:build linux

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/gexec"
)

// floodPlugin writes a manifest that runs the flood fixture (built at
// floodBinary) with -mib mib, creating done once its flood was written.
func floodPlugin(floodBinary, done string, mib int) string {
	dir := GinkgoT().TempDir()
	data, err := os.ReadFile(filepath.Join(goTestee, "manifest.json"))
	Expect(err).NotTo(HaveOccurred())
	var m map[string]any
	Expect(json.Unmarshal(data, &m)).To(Succeed())
	m["backend"] = map[string]any{"command": []string{floodBinary, "-mib", itoa(mib), "-done", done}}
	data, err = json.Marshal(m)
	Expect(err).NotTo(HaveOccurred())
	Expect(os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)).To(Succeed())
	return dir
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// Issue 12: conform's memory is bounded in bytes whatever a plugin
// writes. The plugin writes 1 GiB to stdout in 4 MiB log lines and 1 GiB
// to stderr without a newline before it sends ready; conform must read
// it all (the plugin marks when its writes returned) with a peak RSS
// that does not grow with the flood. Before the byte budgets this took
// 1.1 GB. On a quiet machine the peak is about 100 MiB (the issue's
// target is 128 MiB); under a saturated CI machine one run measured
// 273 MiB, garbage the collector had not caught up with (the 1 GiB of
// stderr arrives as 16,384 log lines of 64 KiB). The bound asserted is a
// quarter of the flood, 512 MiB, which no run has come near.
var _ = Describe("conform under a flood of plugin output", Ordered, Label("slow"), func() {
	var conformBinary, floodBinary string

	BeforeAll(func() {
		var err error
		conformBinary, err = gexec.Build("github.com/conform-dev/conform/cmd/conform")
		Expect(err).NotTo(HaveOccurred())
		floodBinary, err = gexec.Build("github.com/conform-dev/conform/fixtures/hostile/flood")
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(gexec.CleanupBuildArtifacts)
	})

	It("reads 1 GiB of stdout and 1 GiB of stderr with a peak RSS a fraction of the flood, and keeps a bounded transcript", func() {
		work := GinkgoT().TempDir()
		done := filepath.Join(work, "flood-written")
		scenarios := filepath.Join(work, "scenarios")
		Expect(os.Mkdir(scenarios, 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(scenarios, "flood.yaml"), []byte(
			"id: flood.then-ready\nrequirements: [LIFE-5]\ntimeout: 10m\nsteps:\n  - start: {within: 5m}\n  - expect_frame: {match: {type: never}, within: 1ms}\n"), 0o644)).To(Succeed())
		transcripts := filepath.Join(work, "transcripts")
		cmd := exec.Command(conformBinary, "run", "--no-builtin", "--scenarios", scenarios, "--transcripts", transcripts,
			floodPlugin(floodBinary, done, 1024))
		cmd.Stdout, cmd.Stderr = GinkgoWriter, GinkgoWriter
		Expect(cmd.Run()).To(MatchError(ContainSubstring("exit status 1")), "the scenario's last step fails, so that a transcript is written")
		Expect(done).To(BeAnExistingFile(), "the plugin wrote its whole flood before conform stopped it")
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // kB on Linux
		GinkgoWriter.Printf("conform's peak RSS while reading 2 GiB of plugin output: %d MiB\n", rss>>20)
		Expect(rss).To(BeNumerically("<", 512<<20), "conform's peak RSS")
		files, err := filepath.Glob(filepath.Join(transcripts, "*"))
		Expect(err).NotTo(HaveOccurred())
		Expect(files).To(HaveLen(1))
		info, err := os.Stat(files[0])
		Expect(err).NotTo(HaveOccurred())
		Expect(info.Size()).To(BeNumerically("<", 40<<20), "the transcript file keeps the 32 MiB budget (and its meta line)")
	})
})
