package harness

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/conform-dev/conform/mockruntime"
)

// metaKind is the kind of a replayable transcript's first entry.
const metaKind = "meta"

// transcriptMeta is the first entry of a replayable transcript
// (schemas/transcript.json, kind "meta"): what ran, against what, and how
// it ended. The runtime's entries follow it.
type transcriptMeta struct {
	Kind       string         `json:"kind"`
	Scenario   map[string]any `json:"scenario"` // as written in its file
	Source     sourceJSON     `json:"source"`
	Plugin     string         `json:"plugin"` // the slug
	PluginPath string         `json:"plugin_path"`
	Profile    string         `json:"profile"`
	Verdict    Verdict        `json:"verdict"`
}

// wantsTranscript reports whether --transcripts keeps r's transcript:
// every failure, expected or not, and every error.
func wantsTranscript(r Result) bool {
	return r.Verdict == Fail || r.Verdict == ExpectedFail || r.Verdict == Error
}

// saveTranscript writes the replayable transcript of j's result into the
// --transcripts folder and names it in res; a failure to write becomes a
// warning of res, never a different verdict.
func (r *runner) saveTranscript(res *Result, j job, entries []mockruntime.Entry) {
	path, err := r.writeTranscript(*res, j, entries)
	if err != nil {
		res.Warnings = append(res.Warnings, "transcript not written: "+err.Error())
		return
	}
	res.TranscriptFile = path
}

func (r *runner) writeTranscript(res Result, j job, entries []mockruntime.Entry) (string, error) {
	source, err := r.plan.scenarioSource(r.cfg, j.sc)
	if err != nil {
		return "", err
	}
	doc, err := scenarioDocument(j.sc.Source.File, source, j.sc.ID)
	if err != nil {
		return "", err
	}
	meta := transcriptMeta{
		Kind: metaKind, Scenario: doc, Source: sourceJSON(j.sc.Source),
		Plugin: res.Slug, PluginPath: res.Plugin, Profile: r.cfg.Profile, Verdict: res.Verdict,
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
