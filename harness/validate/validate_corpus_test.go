package validate_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/schemas"
)

// expectedFailure is one entry of an expected-failures.json.
type expectedFailure struct {
	Rule    string `json:"rule"`
	Pointer string `json:"pointer"`
	Reason  string `json:"reason"`
}

// expectedFailures reads the expected-failures.json of a corpus folder,
// keyed by path relative to that folder.
func expectedFailures(folder string) map[string]expectedFailure {
	data, err := os.ReadFile(filepath.Join(folder, "expected-failures.json"))
	Expect(err).NotTo(HaveOccurred())
	var index map[string]expectedFailure
	Expect(json.Unmarshal(data, &index)).To(Succeed())
	return index
}

// invalidFiles lists the files below folder/invalid, relative to folder.
func invalidFiles(folder string) []string {
	var files []string
	err := filepath.WalkDir(filepath.Join(folder, "invalid"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(folder, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	Expect(err).NotTo(HaveOccurred())
	return files
}

// expectFailsAsAnnotated validates one invalid file and checks its one
// output line: the file, line 1, the pointer and the rule of its entry.
func expectFailsAsAnnotated(cfg harness.ValidateConfig, want expectedFailure) {
	got := validate(cfg)
	path := cfg.Files[0]
	ExpectWithOffset(1, got.code).To(Equal(1), "%s: %s", path, got.stderr)
	// The line is that of the offending value; "validate reading input"
	// pins it down.
	prefix := "^" + regexp.QuoteMeta(path) + `:\d+: `
	if want.Pointer != "" {
		prefix += regexp.QuoteMeta(want.Pointer + ": ")
	}
	ExpectWithOffset(1, got.stdout).To(MatchRegexp(prefix), "%s (%s)", path, want.Reason)
	ExpectWithOffset(1, got.stdout).To(HaveSuffix(" ["+want.Rule+"]\n"), "%s (%s)", path, want.Reason)
	ExpectWithOffset(1, strings.Count(got.stdout, "\n")).To(Equal(1))
	if want.Pointer == "" {
		ExpectWithOffset(1, got.stdout).NotTo(MatchRegexp(prefix+"/"), "%s: the root pointer is left out", path)
	}
}

var _ = Describe("the frame corpus", func() {
	folder := fixture("frames")

	It("annotates every invalid frame, and only those", func() {
		index := expectedFailures(folder)
		files := invalidFiles(folder)
		Expect(files).To(HaveLen(len(index)))
		for _, f := range files {
			Expect(index).To(HaveKey(f))
			Expect(index[f].Reason).NotTo(BeEmpty(), f)
		}
	})

	It("fails each invalid frame exactly as annotated, in its direction", func() {
		for file, want := range expectedFailures(folder) {
			direction := harness.DirectionPlugin
			if strings.HasPrefix(file, "invalid/runtime/") {
				direction = harness.DirectionRuntime
			}
			cfg := harness.ValidateConfig{As: harness.ValidateFrames, Direction: direction, Files: []string{filepath.Join(folder, file)}}
			expectFailsAsAnnotated(cfg, want)
		}
	})

	DescribeTable("accepts every valid frame",
		func(file, direction string, frames int) {
			got := validate(harness.ValidateConfig{As: harness.ValidateFrames, Direction: direction, Files: []string{filepath.Join(folder, "valid", file)}})
			Expect(got.stdout).To(BeEmpty())
			Expect(got.code).To(Equal(0), got.stderr)
			Expect(got.stderr).To(ContainSubstring("checked %d documents in 1 file: 0 invalid", frames))
		},
		Entry("from the plugin", "plugin.ndjson", harness.DirectionPlugin, 54),
		Entry("from the plugin, direction from the IPC: prefix", "plugin.ndjson", harness.DirectionAuto, 54),
		Entry("to the plugin", "runtime.ndjson", harness.DirectionRuntime, 22),
		Entry("to the plugin, direction from the types", "runtime.ndjson", harness.DirectionAuto, 22),
	)

	It("has a valid call of every service and operation", func() {
		data, err := os.ReadFile(filepath.Join(folder, "valid", "plugin.ndjson"))
		Expect(err).NotTo(HaveOccurred())
		seen := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var frame struct {
				Type   string `json:"type"`
				Params struct {
					Op string `json:"op"`
				} `json:"params"`
			}
			Expect(json.Unmarshal([]byte(strings.TrimPrefix(line, "IPC:")), &frame)).To(Succeed())
			seen[frame.Type+" "+frame.Params.Op] = true
		}
		for _, service := range schemas.Services() {
			ops := schemas.ServiceOps(service)
			if ops == nil {
				Expect(seen).To(HaveKey(service+" "), service)
			}
			for _, op := range ops {
				Expect(seen).To(HaveKey(service+" "+op), service)
			}
		}
	})

	It("accepts the transcripts", func() {
		got := validate(harness.ValidateConfig{As: harness.ValidateTranscripts, Files: []string{filepath.Join(folder, "transcripts", "handshake.ndjson")}})
		Expect(got.code).To(Equal(0), got.stdout+got.stderr)
	})
})

var _ = Describe("the manifest corpus", func() {
	folder := fixture("manifests")

	It("annotates every invalid manifest, and only those", func() {
		index := expectedFailures(folder)
		files := invalidFiles(folder)
		Expect(files).To(HaveLen(len(index)))
		for _, f := range files {
			Expect(index).To(HaveKey(f))
		}
	})

	It("fails each invalid manifest exactly as annotated", func() {
		for file, want := range expectedFailures(folder) {
			expectFailsAsAnnotated(harness.ValidateConfig{As: harness.ValidateManifests, Files: []string{filepath.Join(folder, file)}}, want)
		}
	})

	It("accepts every valid manifest", func() {
		files, err := filepath.Glob(filepath.Join(folder, "valid", "*.json"))
		Expect(err).NotTo(HaveOccurred())
		Expect(files).To(HaveLen(3))
		got := validate(harness.ValidateConfig{As: harness.ValidateManifests, Files: files})
		Expect(got.code).To(Equal(0), got.stdout+got.stderr)
	})
})
