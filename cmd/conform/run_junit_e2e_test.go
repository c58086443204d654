//go:build !windows

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// colourfulPlugin is the Go testee's manifest run by a shell script that
// logs in ANSI colour (and a BEL) on stderr and never sends ready, as a
// plugin with a coloured logger that crashes at start does.
func colourfulPlugin() string {
	dir := GinkgoT().TempDir()
	data, err := os.ReadFile(filepath.Join(goTestee, "manifest.json"))
	Expect(err).NotTo(HaveOccurred())
	var m map[string]any
	Expect(json.Unmarshal(data, &m)).To(Succeed())
	script := filepath.Join(dir, "plugin.sh")
	Expect(os.WriteFile(script, []byte("#!/bin/sh\nprintf '\\033[1;31mERROR\\033[0m cannot open db\\a\\n' >&2\nexit 1\n"), 0o755)).To(Succeed())
	m["backend"] = map[string]any{"command": []string{script}}
	data, err = json.Marshal(m)
	Expect(err).NotTo(HaveOccurred())
	Expect(os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644)).To(Succeed())
	return dir
}

var _ = Describe("conform run --junit, when the plugin logs ANSI colour", func() {
	It("writes a JUnit file that xmllint accepts against schemas/junit.xsd, with the log line and no control byte", func() {
		xmllint, err := exec.LookPath("xmllint")
		if err != nil {
			if os.Getenv("CI") != "" {
				Fail("xmllint is missing: .ci/run installs libxml2-utils")
			}
			Skip("xmllint is not installed (Debian: libxml2-utils)")
		}
		junit := filepath.Join(GinkgoT().TempDir(), "junit.xml")
		got := conform("run", "--focus", `^handshake\.ready$`, "--junit", junit, colourfulPlugin())
		Expect(got.code).To(Equal(1), "the plugin never sends ready: a conformance failure\n%s%s", got.stdout, got.stderr)
		data, err := os.ReadFile(junit)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(data)).To(ContainSubstring("<failure"))
		Expect(string(data)).To(ContainSubstring("ERROR cannot open db"), "the plugin's log line, its colour codes stripped")
		Expect(string(data)).NotTo(ContainSubstring("\x1b"))
		Expect(string(data)).NotTo(ContainSubstring("\a"))
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("..", "..", "schemas", "junit.xsd"), junit).CombinedOutput()
		Expect(err).NotTo(HaveOccurred(), "xmllint: %s", out)
	})
})
