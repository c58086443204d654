package validate

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/conform-dev/conform/harness/baseline"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/schemas"
)

// checkManifest checks a manifest against its schema, then against the
// rules a schema cannot express (mockruntime.CheckManifest), as loading it
// would.
func checkManifest(doc any) error {
	if err := schemas.ValidateDocument(schemas.KindManifest, doc); err != nil {
		return err
	}
	manifest, _ := doc.(map[string]any)
	if issues := mockruntime.CheckManifest(manifest); len(issues) > 0 {
		i := issues[0]
		return &Issue{Pointer: i.Pointer, Rule: i.Rule, Message: i.Message}
	}
	return nil
}

// transcriptChecker checks the entries of one transcript in order: each
// against the entry schema, the frame of a frame entry (unless elided)
// against its own schema in its direction, and the numbering from 1 without
// gaps (TRN-1). A replayable transcript (run --transcripts) starts with
// one meta entry, which carries no sequence number: it is accepted as the
// first line only.
// It is used by one goroutine.
type transcriptChecker struct {
	nextSeq int64
	entries int // documents checked so far

	// skipPluginFrames leaves the frames a plugin sent unchecked, for a
	// caller that judges those by other means.
	SkipPluginFrames bool
}

// metaKind is the kind of the first entry of a replayable transcript.
const metaKind = "meta"

func NewTranscriptChecker() *transcriptChecker { return &transcriptChecker{nextSeq: 1} }

func (c *transcriptChecker) Check(doc Document) error {
	if err := schemas.ValidateDocument(schemas.KindTranscript, doc.Value); err != nil {
		return err
	}
	entry, _ := doc.Value.(map[string]any)
	c.entries++
	if entry["kind"] == metaKind {
		if c.entries == 1 {
			return nil
		}
		return &Issue{Pointer: "/kind", Rule: "TRN-1", Message: "a meta entry stands only on the first line, before the numbered entries"}
	}
	if err := c.checkSeq(entry); err != nil {
		return err
	}
	if _, elided := entry["elided_bytes"]; entry["kind"] != "frame" || elided {
		return nil // an elided frame keeps only its envelope
	}
	dir := schemas.ToPlugin
	if entry["dir"] == "in" {
		if c.SkipPluginFrames {
			return nil
		}
		dir = schemas.FromPlugin
	}
	err := checkFrameIn(dir, entry["frame"])
	var invalid *schemas.Error
	if errors.As(err, &invalid) {
		return invalid.Under("/frame")
	}
	return err
}

// checkSeq expects the entry to carry the next sequence number, and then
// expects the one after it.
func (c *transcriptChecker) checkSeq(entry map[string]any) error {
	number, _ := entry["seq"].(json.Number)
	seq, _ := number.Int64()
	want := c.nextSeq
	c.nextSeq = seq + 1
	if seq == want {
		return nil
	}
	return &Issue{
		Pointer: "/seq",
		Rule:    "TRN-1",
		Message: fmt.Sprintf("expected sequence number %d, got %d", want, seq),
	}
}

// checkScenarios checks one scenario file as LoadFile loads it and prints
// each problem as "FILE:LINE: /pointer: message"; a file with any problem
// counts as one invalid document.
func (f *fileReport) checkScenarios(name string, data []byte) {
	f.documents++
	dir := "."
	if name != "-" {
		dir = filepath.Dir(name)
	}
	_, err := scenario.LoadData(f.name, data, scenario.OsSibling(dir))
	if err == nil {
		return
	}
	f.invalid++
	for _, e := range scenario.LoadErrors(err) {
		fmt.Fprintln(f.stdout, e)
	}
}

// checkBaseline checks one baseline file as conform run --baseline loads
// it and prints its problem as "FILE:LINE: /pointer: message"; a file with
// a problem counts as one invalid document.
func (f *fileReport) checkBaseline(data []byte) {
	f.documents++
	if _, err := baseline.ParseBaseline(f.name, data); err != nil {
		f.invalid++
		fmt.Fprintln(f.stdout, err)
	}
}
