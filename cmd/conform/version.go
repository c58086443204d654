package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// runVersion is `conform version`.
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	flags := newCommandFlags("version", "conform version", "Prints conform's version: the module version it was built at, or devel.")
	rest, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return flagError(flags, stderr, "version takes no arguments")
	}
	fmt.Fprintf(stdout, "conform %s\n", version())
	return exitOK
}

// version returns the main module's version from the build information,
// or "devel" for a build from a source tree.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "devel"
	}
	return info.Main.Version
}
