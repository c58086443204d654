package harness_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("the JSON report names what judged which plugin", func() {
	var path string
	BeforeEach(func() {
		dir := GinkgoT().TempDir()
		plugin := filepath.Join(dir, "plugin")
		Expect(os.Mkdir(plugin, 0o755)).To(Succeed())
		writeTemp(plugin, "manifest.json", `{"slug": "versioned", "version": "2.3.4-rc.1", "backend": {"command": ["./p"]}}`)
		// A run checks that backend.command names a program it could
		// start; the fake executor never starts it.
		Expect(os.WriteFile(filepath.Join(plugin, "p"), []byte("#!/bin/sh\nexit 0\n"), 0o755)).To(Succeed())
		cfg := baseRunConfig(newFakeExec(nil))
		cfg.Plugins = []string{plugin}
		cfg.JSON = filepath.Join(dir, "report.json")
		out := runHarness(cfg)
		Expect(out.code).To(Equal(harness.ExitPass), out.stdout+out.stderr)
		path = cfg.JSON
	})

	It("carries conform's version, the protocol version, the suites' digest and the plugin's slug and version", func() {
		r, err := harness.ReadReport(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(r.Conform).To(Equal(harness.Build()))
		Expect(r.Conform.Protocol).To(Equal("1.0"))
		Expect(r.Conform.SuitesDigest).To(MatchRegexp(`^sha256:[0-9a-f]{64}$`))
		Expect(r.Plugins).To(HaveLen(1))
		Expect(r.Plugins[0].Slug).To(Equal("versioned"))
		Expect(r.Plugins[0].Version).To(Equal("2.3.4-rc.1"))
	})

	DescribeTable("is checked against schemas/report.json, which rejects a malformed member by its pointer",
		func(old, new, pointer string) {
			data, err := os.ReadFile(path)
			Expect(err).NotTo(HaveOccurred())
			Expect(string(data)).To(ContainSubstring(old))
			bad := writeTemp(filepath.Dir(path), "bad.json", strings.Replace(string(data), old, new, 1))
			_, err = harness.ReadReport(bad)
			Expect(err).To(MatchError(ContainSubstring(pointer)))
		},
		Entry("a short digest", `"suites_digest": "`+harness.Build().SuitesDigest+`"`, `"suites_digest": "`+harness.Build().SuitesDigest[:19]+`"`, "/conform/suites_digest"),
		Entry("a protocol that is not MAJOR.MINOR", `"protocol": "1.0"`, `"protocol": "one"`, "/conform/protocol"),
		Entry("an empty conform version", `"version": "`+harness.Build().Version+`"`, `"version": ""`, "/conform/version"),
		Entry("a plugin version that is not a string", `"version": "2.3.4-rc.1"`, `"version": 2`, "/plugins/0/version"),
	)

	It("still reads a report of an older conform, which has no conform member", func() {
		data, err := os.ReadFile(path)
		Expect(err).NotTo(HaveOccurred())
		var doc map[string]any
		Expect(json.Unmarshal(data, &doc)).To(Succeed())
		delete(doc, "conform")
		for _, p := range doc["plugins"].([]any) {
			delete(p.(map[string]any), "version")
		}
		old, err := json.Marshal(doc)
		Expect(err).NotTo(HaveOccurred())
		_, err = harness.ReadReport(writeTemp(filepath.Dir(path), "old.json", string(old)))
		Expect(err).NotTo(HaveOccurred())
	})
})
