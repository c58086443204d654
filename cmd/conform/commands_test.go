package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// outcome is what one invocation of conform did.
type outcome struct {
	code           int
	stdout, stderr string
}

func conform(args ...string) outcome {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return outcome{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

const usageHead = "conform checks plugins against the plugin IPC protocol (CONFORMANCE.md).\n"

var _ = Describe("conform", func() {
	DescribeTable("prints its usage on stdout with exit 0",
		func(args ...string) {
			got := conform(args...)
			Expect(got.code).To(Equal(0))
			Expect(got.stderr).To(BeEmpty())
			Expect(got.stdout).To(HavePrefix(usageHead))
			Expect(got.stdout).To(ContainSubstring("  validate   check frames, manifests or transcripts against the protocol's schemas\n"))
			Expect(got.stdout).To(ContainSubstring("  version    print conform's version\n"))
		},
		Entry("without arguments"),
		Entry("for help", "help"),
		Entry("for --help", "--help"),
		Entry("for -h", "-h"),
	)

	DescribeTable("prints a command's usage on stdout with exit 0",
		func(args ...string) {
			got := conform(args...)
			Expect(got.code).To(Equal(0))
			Expect(got.stderr).To(BeEmpty())
			Expect(got.stdout).To(HavePrefix("Usage:\n  conform validate --as frame|manifest|transcript|scenario|report|baseline [--direction plugin|runtime|auto] FILE...\n"))
			Expect(got.stdout).To(ContainSubstring("\nFlags:\n  --as\n"))
			Expect(got.stdout).To(ContainSubstring("(default auto)\n"))
		},
		Entry("help validate", "help", "validate"),
		Entry("validate --help", "validate", "--help"),
		Entry("validate -h after other arguments", "validate", "a.json", "--as", "frame", "-h"),
	)

	DescribeTable("explains a bad invocation on stderr, with the usage, and exit 2",
		func(message, usage string, args ...string) {
			got := conform(args...)
			Expect(got.code).To(Equal(2))
			Expect(got.stdout).To(BeEmpty())
			Expect(got.stderr).To(HavePrefix(message + "\n\n" + usage))
		},
		Entry("an unknown command", `conform: unknown command "frobnicate"`, usageHead, "frobnicate"),
		Entry("an unknown top-level flag", `conform: unknown command "--frob"`, usageHead, "--frob"),
		Entry("help for an unknown command", `conform: help: unknown command "frobnicate"`, usageHead, "help", "frobnicate"),
		Entry("an unknown flag", "conform validate: flag provided but not defined: -frob", "Usage:\n  conform validate", "validate", "--frob", "x.json"),
		Entry("a flag without its value", "conform validate: flag needs an argument: -as", "Usage:\n  conform validate", "validate", "x.json", "--as"),
		Entry("validate without --as", "conform validate: --as is required: frame, manifest, transcript, scenario, report or baseline", "Usage:\n  conform validate", "validate", "x.json"),
		Entry("version with arguments", "conform version: version takes no arguments", "Usage:\n  conform version", "version", "now"),
	)

	Describe("validate", func() {
		var dir, bad, good string

		BeforeEach(func() {
			dir = GinkgoT().TempDir()
			bad = filepath.Join(dir, "bad.ndjson")
			good = filepath.Join(dir, "good.ndjson")
			Expect(os.WriteFile(bad, []byte("IPC:{\"type\":\"ready\"}\nIPC:{\"type\":\"pong\",\"id\":7}\n"), 0o644)).To(Succeed())
			Expect(os.WriteFile(good, []byte(`{"type":"ping","id":"p-1"}`+"\n"), 0o644)).To(Succeed())
		})

		It("prints FILE:LINE: /pointer: message [RULE] for each invalid document, with exit 1", func() {
			got := conform("validate", "--as", "frame", bad, good)
			Expect(got.code).To(Equal(1))
			Expect(got.stdout).To(Equal(bad + ":2: /id: expected string, but got number [ENV-2]\n"))
			Expect(got.stderr).To(Equal("checked 3 documents in 2 files: 1 invalid\n"))
		})

		It("takes flags before, between and after the files", func() {
			Expect(conform("validate", good, "--as", "frame").code).To(Equal(0))
			Expect(conform("validate", good, "--as=frame", bad, "--direction", "plugin").code).To(Equal(1))
			Expect(conform("validate", "--direction=runtime", good, "--as", "frame").code).To(Equal(0))
		})

		It("takes everything after -- as a file", func() {
			got := conform("validate", "--as", "frame", "--", good, "--direction")
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(HavePrefix("conform validate: open --direction: no such file or directory\n"))
		})

		It("exits 2 for a line that is not JSON, naming the file and line", func() {
			Expect(os.WriteFile(bad, []byte("{\"type\":\"ready\"}\n{oops\n"), 0o644)).To(Succeed())
			got := conform("validate", "--as", "frame", bad)
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(HavePrefix(bad + ":2: not a JSON document: invalid character 'o' looking for beginning of object key string\n"))
		})

		It("exits 2 for an unknown --as or --direction, or no files", func() {
			Expect(conform("validate", "--as", "reports", good).stderr).To(Equal("conform validate: unknown --as \"reports\": want frame, manifest, transcript, scenario, report or baseline\n"))
			Expect(conform("validate", "--as", "frame", "--direction", "up", good).code).To(Equal(2))
			Expect(conform("validate", "--as", "frame").stderr).To(Equal("conform validate: no files to validate\n"))
		})
	})
})
