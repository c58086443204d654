package validate

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/conform-dev/conform/harness/internal/words"
	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/schemas"
)

// The kinds of input `conform validate --as` accepts.
const (
	ValidateFrames      = "frame"
	ValidateManifests   = "manifest"
	ValidateTranscripts = "transcript"
	ValidateScenarios   = "scenario"
	ValidateReports     = "report"
	ValidateBaselines   = "baseline"
)

// The directions `conform validate --direction` accepts for frames.
const (
	DirectionAuto    = "auto"
	DirectionPlugin  = "plugin"
	DirectionRuntime = "runtime"
)

// Exit codes of Validate.
const (
	validateExitValid   = 0
	validateExitInvalid = 1
	validateExitUsage   = 2
)

// ValidateConfig is what `conform validate` checks.
type ValidateConfig struct {
	// As says what the files hold: ValidateFrames, ValidateManifests,
	// ValidateTranscripts, ValidateReports (conform run --json),
	// ValidateScenarios (YAML or JSON scenario files, each checked whole;
	// ids must be unique within a file) or ValidateBaselines (YAML or JSON,
	// each checked whole, as conform run --baseline loads it).
	As string
	// Direction says which way frames travel: DirectionPlugin,
	// DirectionRuntime, or DirectionAuto (also when empty), which takes it
	// from each frame. Only frames have a direction.
	Direction string
	// Files are the inputs, each one JSON document or NDJSON; "-" is Stdin.
	Files []string
	// Stdin is read for the file "-".
	Stdin io.Reader
}

// Validate checks every document of cfg.Files and prints one line per
// invalid document on stdout, "FILE:LINE: /pointer: message [RULE]", then a
// count on stderr. It returns the exit code: 0 when every document is
// valid, 1 when one is not, 2 for a usage error (a bad cfg, an unreadable
// file, a line that is not JSON), which it explains on stderr naming the
// file and line. It stops early, with 2, when ctx is done. Validate may run
// concurrently with itself when the writers allow it.
func Validate(ctx context.Context, cfg ValidateConfig, stdout, stderr io.Writer) int {
	checkFile, err := cfg.fileCheck()
	if err != nil {
		fmt.Fprintf(stderr, "conform validate: %v\n", err)
		return validateExitUsage
	}
	var total tally
	for _, name := range cfg.Files {
		if ctx.Err() != nil {
			break
		}
		f := fileReport{name: displayName(name), stdout: stdout, stderr: stderr}
		if err := checkFile(ctx, &f, name); err != nil {
			fmt.Fprintf(stderr, "conform validate: %v\n", err)
			total.usageErrors++
			continue
		}
		total.add(f.tally)
	}
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "conform validate: %v\n", context.Cause(ctx))
		return validateExitUsage
	}
	fmt.Fprintf(stderr, "checked %s in %s: %d invalid\n", words.Count(total.documents, "document"), words.Count(len(cfg.Files), "file"), total.invalid)
	return total.exitCode()
}

// documentCheck checks one document, returning a *schemas.Error or an
// *Issue when it is invalid.
type documentCheck func(Document) error

// fileCheck checks the input name into f, or returns why it cannot be
// read at all.
type fileCheck func(ctx context.Context, f *fileReport, name string) error

// eachDocument is the fileCheck that streams a file's documents (one per
// line, or one spanning lines, up to the cap of cfg.As) and checks each
// with a check newCheck makes for that file.
func (cfg ValidateConfig) eachDocument(ipcPrefix bool, newCheck func() documentCheck) fileCheck {
	limit, kind := cfg.limit()
	in := streamInput{ipcPrefix: ipcPrefix, wholeLimit: limit, wholeKind: kind}
	return func(ctx context.Context, f *fileReport, name string) error {
		r, closeInput, err := cfg.open(name)
		if err != nil {
			return err
		}
		defer closeInput()
		f.stream(ctx, r, in, newCheck())
		return nil
	}
}

// wholeFile is the fileCheck that reads a file whole, up to the cap of
// cfg.As, and hands it to check.
func (cfg ValidateConfig) wholeFile(check func(f *fileReport, name string, data []byte)) fileCheck {
	return func(_ context.Context, f *fileReport, name string) error {
		data, err := cfg.read(name)
		if err != nil {
			return err
		}
		check(f, name, data)
		return nil
	}
}

// fileCheck returns how each file is checked, after checking cfg.
func (cfg ValidateConfig) fileCheck() (fileCheck, error) {
	if len(cfg.Files) == 0 {
		return nil, errors.New("no files to validate")
	}
	if cfg.As != ValidateFrames && cfg.Direction != "" && cfg.Direction != DirectionAuto {
		return nil, fmt.Errorf("--direction applies to --as %s only", ValidateFrames)
	}
	switch cfg.As {
	case ValidateFrames:
		check, err := frameCheck(cfg.Direction)
		return cfg.eachDocument(true, func() documentCheck { return check }), err
	case ValidateManifests:
		return cfg.eachDocument(false, func() documentCheck { return func(d Document) error { return checkManifest(d.Value) } }), nil
	case ValidateTranscripts:
		return cfg.eachDocument(false, func() documentCheck { return NewTranscriptChecker().Check }), nil
	case ValidateReports:
		return cfg.eachDocument(false, func() documentCheck {
			return func(d Document) error { return schemas.ValidateDocument(schemas.KindReport, d.Value) }
		}), nil
	case ValidateScenarios:
		return cfg.wholeFile((*fileReport).checkScenarios), nil
	case ValidateBaselines:
		return cfg.wholeFile(func(f *fileReport, _ string, data []byte) { f.checkBaseline(data) }), nil
	}
	return nil, fmt.Errorf("unknown --as %q: want %s, %s, %s, %s, %s or %s", cfg.As,
		ValidateFrames, ValidateManifests, ValidateTranscripts, ValidateScenarios, ValidateReports, ValidateBaselines)
}

func frameCheck(direction string) (documentCheck, error) {
	switch direction {
	case "", DirectionAuto:
		return checkFrameAuto, nil
	case DirectionPlugin:
		return func(d Document) error { return checkFrameIn(schemas.FromPlugin, d.Value) }, nil
	case DirectionRuntime:
		return func(d Document) error { return checkFrameIn(schemas.ToPlugin, d.Value) }, nil
	}
	return nil, fmt.Errorf("unknown --direction %q: want %s, %s or %s", direction, DirectionAuto, DirectionPlugin, DirectionRuntime)
}

// read returns the bytes of the input name: a regular file of at most the
// cap of the kind cfg.As names, or standard input up to
// inputfile.StdinLimit.
func (cfg ValidateConfig) read(name string) ([]byte, error) {
	if name != "-" {
		limit, kind := cfg.limit()
		return inputfile.Read(name, limit, kind)
	}
	if cfg.Stdin == nil {
		return nil, errors.New("-: no standard input to read")
	}
	data, err := inputfile.ReadAll(cfg.Stdin, inputfile.StdinLimit, "standard input")
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	return data, nil
}

// open opens the input name for streaming: a regular file (never a named
// pipe or a device) or standard input. The caller calls the close
// function.
func (cfg ValidateConfig) open(name string) (io.Reader, func(), error) {
	if name == "-" {
		if cfg.Stdin == nil {
			return nil, nil, errors.New("-: no standard input to read")
		}
		return cfg.Stdin, func() {}, nil
	}
	file, err := inputfile.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return file, func() { file.Close() }, nil
}

// limit is the size cap of one input of the kind cfg.As names read whole,
// and that kind for messages. Files of one document per line (NDJSON) are
// streamed and have no cap but MaxLineBytes for each line; a frame or a
// transcript entry spanning lines is one document, capped like a line.
func (cfg ValidateConfig) limit() (int64, string) {
	switch cfg.As {
	case ValidateScenarios:
		return inputfile.ScenarioLimit, "a scenario file"
	case ValidateBaselines:
		return inputfile.BaselineLimit, "a baseline"
	case ValidateReports:
		return inputfile.ReportLimit, "a report"
	case ValidateManifests:
		return inputfile.ManifestLimit, "a manifest"
	}
	return MaxLineBytes, "one " + cfg.As + " document"
}

// displayName is how messages name the input name.
func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}
