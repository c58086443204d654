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
entry per line, then the verdict and what went wrong.

Exit status: 0 when the scenario passes, 1 when it fails, 2 for a usage or
input error, 3 for an internal error of conform.
`

// runReplay is `conform replay`.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var cfg harness.ReplayConfig
	flags := newCommandFlags("replay", "conform replay [flags] FILE PLUGIN", replayAbout)
	flags.Float64Var(&cfg.TimeoutScale, "timeout-scale", 1, "multiply every time bound of the scenario by this factor")
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
