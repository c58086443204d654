package inputfile

// The size caps, in bytes, of the files conform reads. Each is far above
// what a real file of its kind holds, and low enough that a hostile file
// costs a bounded amount of memory. No flag raises them.
const (
	// ManifestLimit bounds a manifest: a real one is a few KiB, and
	// load_plugin reads the manifest files a scenario names under it too.
	ManifestLimit int64 = 1 << 20
	// ScenarioLimit bounds a scenario file (YAML or JSON), as run
	// --scenarios, validate --as scenario and replay's source read it.
	ScenarioLimit int64 = 8 << 20
	// BaselineLimit bounds a baseline file (run --baseline, baseline
	// update).
	BaselineLimit int64 = 8 << 20
	// ReportLimit bounds a JSON report (conform run --json), which holds
	// evidence for every scenario of a run.
	ReportLimit int64 = 64 << 20
	// TranscriptLimit bounds the first line of a transcript, its meta
	// entry, which replay reads: the scenario (itself under ScenarioLimit)
	// and its manifest patch. validate streams transcripts a line at a
	// time instead.
	TranscriptLimit int64 = 32 << 20
	// SettingsLimit bounds the settings store in a plugin's data folder,
	// which the host writes and a plugin could replace.
	SettingsLimit int64 = 16 << 20
	// StdinLimit bounds what `conform validate -` reads from standard
	// input, whatever it holds.
	StdinLimit int64 = 256 << 20
)
