package main

import (
	"context"
	"io"
	"os"

	"github.com/conform-dev/conform/harness"
)

const validateAbout = `
Checks each document of each FILE against the schemas of CONFORMANCE.md.
A file holds one JSON document, or NDJSON (one per line, blank lines
skipped); for frames a line may start with the IPC: prefix a plugin writes
on stdout, which marks it as coming from the plugin. "-" reads standard
input. NDJSON is read a line at a time, so a file of any length costs the
memory of one line; a line may hold 32 MiB, a document spanning lines as
much (a manifest 1 MiB). Only regular files are read: a named pipe or a
device is refused.

A scenario file (YAML, or JSON ending in .json) is checked whole, as
conform run loads it (docs/scenarios.md); so is a baseline file (YAML or
JSON), as conform run --baseline loads it. A report is the JSON that
conform run --json writes.

Each invalid document prints one line on stdout:
  FILE:LINE: /pointer: message [RULE]

Exit status: 0 when every document is valid, 1 when one is not, 2 for a
usage error (bad flags, an unreadable file, a line that is not JSON).
`

// runValidate is `conform validate`.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg := harness.ValidateConfig{Stdin: os.Stdin}
	flags := newCommandFlags("validate", "conform validate --as frame|manifest|transcript|scenario|report|baseline [--direction plugin|runtime|auto] FILE...", validateAbout)
	flags.StringVar(&cfg.As, "as", "", "what the files hold: frame, manifest, transcript, scenario, report or baseline")
	flags.StringVar(&cfg.Direction, "direction", harness.DirectionAuto,
		"which way frames travel: plugin (from it), runtime (to it), or auto (IPC: lines come from the plugin; otherwise the frame type decides)")
	files, code, ok := flags.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if cfg.As == "" {
		return flagError(flags, stderr, "--as is required: frame, manifest, transcript, scenario, report or baseline")
	}
	cfg.Files = files
	return harness.Validate(ctx, cfg, stdout, stderr)
}
