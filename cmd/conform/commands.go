package main

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// Exit codes shared by every command.
const (
	exitOK    = 0
	exitUsage = 2
)

// command is one subcommand of conform. run gets the arguments after the
// command's name and returns the exit code; it prints its own usage on
// stdout for -h or --help (exit 0) and on stderr for bad flags (exit 2).
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands in the order usage shows them. Adding one
// is an entry here and a file with its run function.
var commands = []command{
	{name: "run", summary: "run the conformance scenarios against plugins", run: runRun},
	{name: "list", summary: "list the scenarios, or the rules they cover (--coverage)", run: runList},
	{name: "replay", summary: "rerun the scenario of a failure's transcript against a plugin", run: runReplay},
	{name: "baseline", summary: "rewrite a baseline of expected failures from a run's report", run: runBaseline},
	{name: "validate", summary: "check frames, manifests or transcripts against the protocol's schemas", run: runValidate},
	{name: "selftest", summary: "prove the built-in suites: references pass, every mutant is caught", run: runSelftest},
	{name: "version", summary: "print conform's version", run: runVersion},
}

// run dispatches args (without the program name) to a command and returns
// the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || isHelpFlag(args[0]) {
		printUsage(stdout)
		return exitOK
	}
	if args[0] == "help" {
		return runHelp(ctx, args[1:], stdout, stderr)
	}
	if isVersionFlag(args[0]) {
		return runVersion(ctx, args[1:], stdout, stderr)
	}
	if cmd, ok := findCommand(args[0]); ok {
		return cmd.run(ctx, args[1:], stdout, stderr)
	}
	return usageError(stderr, "unknown command %q", args[0])
}

// runHelp prints conform's usage, or a command's.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stdout)
		return exitOK
	}
	if cmd, ok := findCommand(args[0]); ok && len(args) == 1 {
		return cmd.run(ctx, []string{"--help"}, stdout, stderr)
	}
	return usageError(stderr, "help: unknown command %q", strings.Join(args, " "))
}

func findCommand(name string) (command, bool) {
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd, true
		}
	}
	return command{}, false
}

func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}

// usageError explains a bad invocation on stderr, followed by the usage.
func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "conform: "+format+"\n\n", args...)
	printUsage(stderr)
	return exitUsage
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "conform checks plugins against the plugin IPC protocol (CONFORMANCE.md).\n\n")
	fmt.Fprint(w, "Usage:\n  conform <command> [arguments]\n\nCommands:\n")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, "\nRun \"conform help <command>\" for a command's flags.\n")
}
