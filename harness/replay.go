package harness

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"testing/fstest"

	"github.com/conform-dev/conform/harness/engine"
	"github.com/conform-dev/conform/harness/internal/render"
	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/schemas"
)

// ReplayConfig is what `conform replay FILE PLUGIN` does.
type ReplayConfig struct {
	Transcript   string  // a transcript written by run --transcripts
	Plugin       string  // the plugin to run it against: a folder or its manifest
	TimeoutScale float64 // as run's; 0 means 1
	// TrustTranscript lets the transcript's scenario replace the plugin's
	// backend (its command, build or environment). A transcript is data:
	// without this, a scenario that would run a program other than
	// PLUGIN's own is refused, unless it is a built-in scenario unchanged.
	TrustTranscript bool
	// Execute runs the scenario; nil means the package's Execute.
	Execute engine.Executor
}

// Replay reruns the scenario a replayable transcript starts with against
// cfg.Plugin, in the transcript's profile, prints the new exchange (one
// transcript entry per line) and the verdict on stdout, and returns
// ExitPass when it passes, ExitFail when it fails, ExitInternal for an
// error of conform and ExitUsage for bad input, explained on stderr. It may
// be called concurrently with itself.
func Replay(ctx context.Context, cfg ReplayConfig, stdout, stderr io.Writer) int {
	if cfg.TimeoutScale == 0 {
		cfg.TimeoutScale = 1
	}
	if cfg.Execute == nil {
		cfg.Execute = engine.Execute
	}
	job, err := prepareReplay(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "conform replay: %v\n", err)
		return result.ExitUsage
	}
	sc, target, m := job.scenario, job.target, job.manifest
	if ok, reason := engine.Applies(sc, target, m); !ok {
		fmt.Fprintf(stderr, "conform replay: scenario %s does not apply to %s: %s\n", sc.ID, m.Path, reason)
		return result.ExitUsage
	}
	fmt.Fprintf(stderr, "conform replay: will %s.\n", job.starts)
	res, entries := cfg.Execute(ctx, sc, target, engine.ExecOptions{TimeoutScale: cfg.TimeoutScale, KeepTranscript: true})
	res = identify(res, sc, m)
	for _, e := range entries {
		fmt.Fprintln(stdout, render.RenderEntry(e))
	}
	fmt.Fprintln(stdout)
	return printReplayVerdict(stdout, res)
}

// replayJob is what a replay runs: the transcript's scenario, against
// which plugin, and what starting it runs (as replayBackend says it).
type replayJob struct {
	scenario *scenario.Scenario
	target   engine.Target
	manifest *mockruntime.Manifest
	starts   string
}

// prepareReplay reads the transcript's scenario, loads the plugin, checks
// that the scenario runs nothing the user did not ask for, and builds the
// plugin.
func prepareReplay(ctx context.Context, cfg ReplayConfig) (replayJob, error) {
	meta, err := readTranscriptMeta(cfg.Transcript)
	if err != nil {
		return replayJob{}, err
	}
	sc, err := replayScenario(meta)
	if err != nil {
		return replayJob{}, fmt.Errorf("%s: the scenario of its meta entry: %w", cfg.Transcript, err)
	}
	m, err := mockruntime.LoadManifest(cfg.Plugin, nil)
	if err != nil {
		return replayJob{}, err
	}
	if sc, err = replayRun(sc, meta, m); err != nil {
		return replayJob{}, fmt.Errorf("%s: %w", cfg.Transcript, err)
	}
	starts, err := replayBackend(cfg, sc, m)
	if err != nil {
		return replayJob{}, err
	}
	cache := mockruntime.NewBuildCache()
	if err := cache.Build(ctx, m); err != nil {
		return replayJob{}, err
	}
	target := engine.Target{Manifest: m.Path, Profile: meta.Profile, Builds: cache}
	return replayJob{scenario: sc, target: target, manifest: m, starts: starts}, nil
}

// readTranscriptMeta reads and checks the first line of a replayable
// transcript: a regular file, whose first line is read up to
// inputfile.TranscriptLimit and no further.
func readTranscriptMeta(path string) (transcriptMeta, error) {
	var meta transcriptMeta
	f, err := inputfile.Open(path)
	if err != nil {
		return meta, err
	}
	defer f.Close()
	line, err := bufio.NewReader(io.LimitReader(f, inputfile.TranscriptLimit+1)).ReadBytes('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return meta, err
	}
	if int64(len(line)) > inputfile.TranscriptLimit {
		return meta, fmt.Errorf("%s:1: %w", path, &inputfile.TooLargeError{Limit: inputfile.TranscriptLimit, Kind: "a transcript's meta entry"})
	}
	doc, err := schemas.Decode(line)
	if err == nil {
		err = schemas.ValidateDocument(schemas.KindTranscript, doc)
	}
	if err == nil {
		err = json.Unmarshal(line, &meta)
	}
	if err == nil && meta.Kind != metaKind {
		err = fmt.Errorf("/kind: the first entry is %q, not %q: not a transcript written by conform run --transcripts", meta.Kind, metaKind)
	}
	if err != nil {
		return meta, fmt.Errorf("%s:1: %w", path, err)
	}
	return meta, nil
}

// replayScenario loads the scenario a meta entry holds, keeping where it
// was first defined.
func replayScenario(meta transcriptMeta) (*scenario.Scenario, error) {
	data, err := json.MarshalIndent(meta.Scenario, "", "  ")
	if err != nil {
		return nil, err
	}
	scs, err := scenario.LoadFS(fstest.MapFS{"replay.json": {Data: data}}, ".")
	if err != nil {
		return nil, err
	}
	if len(scs) != 1 {
		return nil, fmt.Errorf("want one scenario, got %d", len(scs))
	}
	scs[0].Source = result.Source(meta.Source)
	return scs[0], nil
}

// replayRun picks, for a for_each template, the run the transcript was
// written for, made again from the plugin's manifest as it is now.
func replayRun(sc *scenario.Scenario, meta transcriptMeta, m *mockruntime.Manifest) (*scenario.Scenario, error) {
	if sc.ForEach == "" {
		return sc, nil
	}
	for _, run := range scenario.ExpandForEach([]*scenario.Scenario{sc}, m) {
		if run.ID == meta.Run {
			return run, nil
		}
	}
	return nil, fmt.Errorf("/run: the transcript is of the run %q of %s, which the manifest %s no longer makes (for_each: %s)", meta.Run, sc.ID, m.Path, sc.ForEach)
}

// printReplayVerdict prints the verdict line and any details, and returns
// the exit code.
func printReplayVerdict(w io.Writer, r result.Result) int {
	report.NewConsole(w, 1, false).Line(1, r, true)
	if report.NeedsDetails(r) {
		fmt.Fprintln(w)
		report.WriteDetails(w, r, false, true)
	}
	switch r.Verdict {
	case result.Pass:
		return result.ExitPass
	case result.Error:
		return result.ExitInternal
	}
	return result.ExitFail
}
