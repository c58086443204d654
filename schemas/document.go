package schemas

import "fmt"

// Kind names a kind of document with a schema of its own.
type Kind string

// The kinds of documents. Adding one is an entry in documentFiles and its
// schema file.
const (
	KindManifest   Kind = "manifest"   // a plugin's manifest.json (§7)
	KindTranscript Kind = "transcript" // one transcript entry (§12)
	KindReport     Kind = "report"     // the JSON report of a run (conform run --json)
	KindBaseline   Kind = "baseline"   // a baseline of expected failures (conform run --baseline)
	KindScenario   Kind = "scenario"   // a scenario file, as JSON (docs/scenarios.md)
	KindEvent      Kind = "event"      // one line of a run's event stream (conform run --jsonl)
)

// documentFiles maps each Kind to its schema file.
var documentFiles = map[Kind]string{
	KindManifest:   "manifest.json",
	KindTranscript: "transcript.json",
	KindReport:     "report.json",
	KindBaseline:   "baseline.json",
	KindScenario:   "scenario.json",
	KindEvent:      "event.json",
}

// ValidateDocument checks one decoded document (see Decode) of the given
// kind. A failure is an *Error; an unknown kind wraps ErrNoSchema. Safe for
// concurrent use.
func ValidateDocument(kind Kind, doc any) error {
	r, err := schemasOnce()
	if err != nil {
		return err
	}
	s, ok := r.documents[kind]
	if !ok {
		return fmt.Errorf("schemas: %w for documents of kind %q", ErrNoSchema, kind)
	}
	return r.check(s, doc, subject{kind: kind})
}
