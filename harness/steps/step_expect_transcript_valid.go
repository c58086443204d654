package steps

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/conform-dev/conform/harness/validate"
	"github.com/conform-dev/conform/schemas"
)

// ExpectTranscriptValidArgs are the arguments of expect_transcript_valid
// (none).
type ExpectTranscriptValidArgs struct{}

// ExpectTranscriptValid exports the runtime's transcript so far as NDJSON
// and checks it as `conform validate --as transcript` would: every entry
// against schemas/transcript.json, numbered from 1 without gaps (TRN-1),
// and every frame the runtime sent against its own schema (FRAME-21). The
// plugin's frames are left to the violation rule, which already fails a
// scenario for any frame of the plugin the runtime found invalid.
func ExpectTranscriptValid(_ context.Context, env *Env, _ ExpectTranscriptValidArgs) error {
	var buf bytes.Buffer
	if err := env.Runtime.Transcript().WriteNDJSON(&buf); err != nil {
		return err
	}
	c := validate.NewTranscriptChecker()
	c.SkipPluginFrames = true
	for i, line := range bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n")) {
		value, err := schemas.Decode(line)
		if err != nil {
			return fmt.Errorf("the runtime exported entry %d as invalid JSON: %w", i+1, err)
		}
		if err := c.Check(validate.Document{Line: i + 1, Value: value}); err != nil {
			return transcriptFailure(i+1, line, err)
		}
	}
	return nil
}

func transcriptFailure(n int, line []byte, err error) error {
	rule := "TRN-1"
	var invalid *schemas.Error
	var issue *validate.Issue
	switch {
	case errors.As(err, &invalid) && invalid.Pointer != "/seq":
		rule = "FRAME-21"
	case errors.As(err, &issue):
		rule = issue.Rule
	}
	got := string(line)
	if len(got) > 300 {
		got = got[:297] + "..."
	}
	return &StepFailure{Rule: rule, Message: fmt.Sprintf("transcript entry %d is invalid: %v", n, err), Expected: "a transcript valid against schemas/transcript.json", Got: got}
}
