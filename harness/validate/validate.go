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
		data, err := cfg.read(name)
		if err != nil {
			fmt.Fprintf(stderr, "conform validate: %v\n", err)
			total.usageErrors++
			continue
		}
		f := fileReport{name: displayName(name), stdout: stdout, stderr: stderr}
		checkFile(ctx, &f, name, data)
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

// fileCheck checks the contents of the input name into f.
type fileCheck func(ctx context.Context, f *fileReport, name string, data []byte)

// eachDocument is the fileCheck that splits a file into documents and
// checks each with a check newCheck makes for that file.
func eachDocument(ipcPrefix bool, newCheck func() documentCheck) fileCheck {
	return func(ctx context.Context, f *fileReport, _ string, data []byte) {
		f.check(ctx, data, ipcPrefix, newCheck())
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
		return eachDocument(true, func() documentCheck { return check }), err
	case ValidateManifests:
		return eachDocument(false, func() documentCheck { return func(d Document) error { return checkManifest(d.Value) } }), nil
	case ValidateTranscripts:
		return eachDocument(false, func() documentCheck { return NewTranscriptChecker().Check }), nil
	case ValidateReports:
		return eachDocument(false, func() documentCheck {
			return func(d Document) error { return schemas.ValidateDocument(schemas.KindReport, d.Value) }
		}), nil
	case ValidateScenarios:
		return func(_ context.Context, f *fileReport, name string, data []byte) { f.checkScenarios(name, data) }, nil
	case ValidateBaselines:
		return func(_ context.Context, f *fileReport, _ string, data []byte) { f.checkBaseline(data) }, nil
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

// limit is the size cap of one input file of the kind cfg.As names, and
// that kind for messages. A file of manifests or frames may hold many,
// one a line, so those have the transcript's cap, not a manifest's.
func (cfg ValidateConfig) limit() (int64, string) {
	switch cfg.As {
	case ValidateScenarios:
		return inputfile.ScenarioLimit, "a scenario file"
	case ValidateBaselines:
		return inputfile.BaselineLimit, "a baseline"
	case ValidateReports:
		return inputfile.ReportLimit, "a report"
	case ValidateTranscripts:
		return inputfile.TranscriptLimit, "a transcript"
	}
	return inputfile.TranscriptLimit, "a file of " + cfg.As + "s"
}

// displayName is how messages name the input name.
func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}
