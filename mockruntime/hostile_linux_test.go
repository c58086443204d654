package mockruntime_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// markedManifest is fakeManifest with one more variable, CONFORM_HOSTILE_MARK,
// which every process the plugin starts inherits: the test counts those.
func markedManifest(behaviour string) (path, mark string) {
	return markedManifestWith(behaviour, newMark())
}

func newMark() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func markedManifestWith(behaviour, mark string) (path, _ string) {
	self, err := os.Executable()
	Expect(err).NotTo(HaveOccurred())
	dir := GinkgoT().TempDir()
	writeJSON(dir+"/manifest.json", map[string]any{
		"slug": "fake", "version": "1.0.0",
		"backend": map[string]any{"command": []any{self}, "env": map[string]any{
			"CONFORM_FAKE_PLUGIN": behaviour, "CONFORM_HOSTILE_MARK": mark, "GORACE": "atexit_sleep_ms=0"}},
	})
	return dir + "/manifest.json", mark
}

// markedProc is a running process carrying a mark.
type markedProc struct{ pid, ppid int }

// marked lists the running (not zombie) processes whose environment holds
// CONFORM_HOSTILE_MARK=mark, read from /proc.
func marked(mark string) []markedProc {
	entries, _ := os.ReadDir("/proc")
	var out []markedProc
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil || !bytes.Contains(append([]byte{0}, env...), []byte("\x00CONFORM_HOSTILE_MARK="+mark+"\x00")) {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if f[0] == "Z" || f[0] == "X" {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		out = append(out, markedProc{pid, ppid})
	}
	return out
}

// children counts this process's children, running or zombie.
func children() int {
	entries, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range entries {
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil || bytes.LastIndexByte(stat, ')') < 0 {
			continue
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(os.Getpid()) {
			n++
		}
	}
	return n
}

// zombieChildren counts this process's children that are zombies outside
// its own process group: what a subreaper must reap (LIFE-21).
func zombieChildren() int {
	entries, _ := os.ReadDir("/proc")
	n := 0
	for _, e := range entries {
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil || bytes.LastIndexByte(stat, ')') < 0 {
			continue
		}
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) > 2 && f[0] == "Z" && f[1] == strconv.Itoa(os.Getpid()) && f[2] != strconv.Itoa(syscall.Getpgrp()) {
			n++
		}
	}
	return n
}

func escapeeViolations(t *mockruntime.Transcript) int {
	n := 0
	for _, e := range t.Entries() {
		if e.Decision == "violation" && e.Rule == "LIFE-22" && strings.Contains(e.Detail, "left the plugin's process group") {
			n++
		}
	}
	return n
}

var _ = Describe("processes that leave the plugin's group (LIFE-22, LIFE-23)", func() {
	var w *world
	BeforeEach(func() { w = newWorld(optsZero()) })

	for _, behaviour := range []string{"escapee", "double-fork"} {
		It("finds, kills and reports a "+behaviour+" child, leaving no process behind", func() {
			path, mark := markedManifest(behaviour)
			Expect(marked(mark)).To(BeEmpty())
			p := w.load(path, nil)
			Expect(p.Start(context.Background())).To(Succeed())
			w.ready(p)
			pid := p.Pid()
			// The plugin and its escapee, which is outside the plugin's group.
			Eventually(func() int { return len(marked(mark)) }).Should(Equal(2))
			if behaviour == "double-fork" {
				// Its parent is gone: it was re-parented to this process,
				// the child subreaper, not to init.
				Expect(marked(mark)).To(ContainElement(markedProc{escapeePid(marked(mark), pid), os.Getpid()}))
			}
			Expect(p.Stop(context.Background())).To(Succeed())
			Eventually(func() int { return escapeeViolations(w.rt.Transcript()) }).Should(Equal(1))
			Expect(w.rt.Transcript()).To(match.HaveViolation("LIFE-22"))
			Eventually(func() []markedProc { return marked(mark) }).Should(BeEmpty())
			Eventually(zombieChildren).Should(BeZero())
		})
	}
})

// escapeePid returns the pid of the process in procs that is not the plugin.
func escapeePid(procs []markedProc, plugin int) int {
	for _, p := range procs {
		if p.pid != plugin {
			return p.pid
		}
	}
	return 0
}

var _ = Describe("every hostile fixture (issue 12.4)", func() {
	It("leaves no process behind: counted before and after a run of all of them", func() {
		mark := newMark()
		Expect(os.Setenv("CONFORM_HOSTILE_MARK", mark)).To(Succeed()) // the builds inherit it
		DeferCleanup(os.Unsetenv, "CONFORM_HOSTILE_MARK")
		before := children()
		Expect(marked(mark)).To(BeEmpty())

		var peak int
		for _, behaviour := range []string{"escapee", "double-fork", "orphan"} {
			w := newWorld(optsZero())
			path, _ := markedManifestWith(behaviour, mark)
			p := w.load(path, nil)
			Expect(p.Start(context.Background())).To(Succeed())
			w.ready(p)
			Eventually(func() int { return len(marked(mark)) }).Should(BeNumerically(">=", 2))
			peak += len(marked(mark))
			Expect(p.Stop(context.Background())).To(Succeed())
		}
		for _, build := range []string{"build-hang", "build-background-stdout", "build-flood"} {
			m, err := mockruntime.LoadManifest("../fixtures/hostile/"+build+"/manifest.json", nil)
			Expect(err).NotTo(HaveOccurred())
			_ = mockruntime.NewBuildCacheWith(mockruntime.BuildLimits{Timeout: 2 * time.Second}).Build(context.Background(), m)
		}
		Expect(peak).To(BeNumerically(">=", 6)) // the count sees the fixtures' processes
		Eventually(func() []markedProc { return marked(mark) }).Should(BeEmpty())
		Eventually(children).Should(Equal(before))
	})
})
