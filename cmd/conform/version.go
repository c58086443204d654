package main

import (
	"context"
	"fmt"
	"io"

	"github.com/conform-dev/conform/harness"
)

// runVersion is `conform version` and `conform --version`.
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	flags := newCommandFlags("version", "conform version", "Prints conform's version (the module version it was built at; devel-REVISION[+dirty] or devel for a build from a source tree), the protocol version of the CONFORMANCE.md it embeds and the digest of its built-in suites (the first 12 hex digits of the sha256 a JSON report carries in conform.suites_digest).")
	rest, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return flagError(flags, stderr, "version takes no arguments")
	}
	printVersion(stdout, harness.Build())
	return exitOK
}

// isVersionFlag reports whether a first argument asks for the version.
func isVersionFlag(arg string) bool {
	return arg == "--version" || arg == "-version"
}

// printVersion prints b as three lines, a name and a value each, so a
// person reads it and a script takes a line's second field.
func printVersion(w io.Writer, b harness.BuildInfo) {
	fmt.Fprintf(w, "conform %s\nprotocol %s\nsuites %s\n", b.Version, b.Protocol, b.ShortDigest())
}
