package harness

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"

	runplan "github.com/conform-dev/conform/harness/plan"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/mockruntime"
)

// metaKind is the kind of a replayable transcript's first entry.
const metaKind = "meta"

// transcriptMeta is the first entry of a replayable transcript
// (schemas/transcript.json, kind "meta"): what ran, against what, and how
// it ended. The runtime's entries follow it.
type transcriptMeta struct {
	Kind       string            `json:"kind"`
	Scenario   map[string]any    `json:"scenario"` // as written in its file
	Source     result.SourceJSON `json:"source"`
	Plugin     string            `json:"plugin"` // the slug
	PluginPath string            `json:"plugin_path"`
	Profile    string            `json:"profile"`
	Verdict    result.Verdict    `json:"verdict"`
	// Run is the id of the run when the scenario is a for_each template.
	Run string `json:"run,omitempty"`
}

// wantsTranscript reports whether --transcripts keeps r's transcript:
// every failure, expected or not, and every error.
func wantsTranscript(r result.Result) bool {
	return r.Verdict == result.Fail || r.Verdict == result.ExpectedFail || r.Verdict == result.Error
}

// saveTranscript writes the replayable transcript of j's result into the
// --transcripts folder and names it in res; a failure to write becomes a
// warning of res, never a different verdict.
func (r *runner) saveTranscript(res *result.Result, j runplan.Job, entries []mockruntime.Entry) {
	path, err := r.writeTranscript(*res, j, entries)
	if err != nil {
		res.Warnings = append(res.Warnings, "transcript not written: "+err.Error())
		return
	}
	res.TranscriptFile = path
}

func (r *runner) writeTranscript(res result.Result, j runplan.Job, entries []mockruntime.Entry) (string, error) {
	source, err := r.plan.ScenarioSource(r.cfg, j.Scenario)
	if err != nil {
		return "", err
	}
	doc, err := runplan.ScenarioDocument(j.Scenario.Source.File, source, j.Scenario.Written().ID)
	if err != nil {
		return "", err
	}
	meta := transcriptMeta{
		Kind: metaKind, Scenario: doc, Source: result.SourceJSON(j.Scenario.Source),
		Plugin: res.Slug, PluginPath: res.Plugin, Profile: r.cfg.Profile, Verdict: res.Verdict,
	}
	if j.Scenario.Template != nil {
		meta.Run = j.Scenario.ID
	}
	path := filepath.Join(r.cfg.Transcripts, res.Slug+"."+res.ScenarioID+".ndjson")
	return path, writeTranscriptFile(path, meta, entries)
}

// writeTranscriptFile writes meta, then each entry, one JSON object per
// line.
func writeTranscriptFile(path string, meta transcriptMeta, entries []mockruntime.Entry) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	err = enc.Encode(meta)
	for i := 0; err == nil && i < len(entries); i++ {
		err = enc.Encode(entries[i])
	}
	if err == nil {
		err = w.Flush()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}
