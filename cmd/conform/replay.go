package main

import (
	"context"
	"io"

	"github.com/conform-dev/conform/harness"
)

const replayAbout = `
Reruns the scenario of a transcript written by "conform run --transcripts"
against PLUGIN (a folder holding manifest.json, or the manifest file), in
the profile it first ran in, and prints the new exchange, one transcript
entry per line, then the verdict and what went wrong. Before it starts
anything it says on stderr which program it will run (and build).

A transcript is data, not code: whoever wrote it chose its scenario. A
scenario whose manifest patch replaces the plugin's backend (its command,
build or environment) would run a program other than PLUGIN's, so replay
refuses it (exit 2) unless it is a built-in scenario of this conform,
unchanged, or --trust-transcript is given. Scenario files, by contrast,
are code, like tests: run only those you trust.

Exit status: 0 when the scenario passes, 1 when it fails, 2 for a usage or
input error, 3 for an internal error of conform.
`

// runReplay is `conform replay`.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var cfg harness.ReplayConfig
	flags := newCommandFlags("replay", "conform replay [flags] FILE PLUGIN", replayAbout)
	flags.Float64Var(&cfg.TimeoutScale, "timeout-scale", 1, "multiply every time bound of the scenario by this factor")
	flags.BoolVar(&cfg.TrustTranscript, "trust-transcript", false, "let the transcript's scenario replace the plugin's backend, running the command written in the transcript")
	positional, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(positional) != 2 {
		return flagError(flags, stderr, "want a transcript FILE and a PLUGIN")
	}
	cfg.Transcript, cfg.Plugin = positional[0], positional[1]
	return harness.Replay(ctx, cfg, stdout, stderr)
}
