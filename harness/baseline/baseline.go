package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/schemas"
)

// dateLayout is how a baseline writes dates.
const dateLayout = "2006-01-02"

// Baseline lists the scenarios a plugin is known to fail, each with a
// reason (--baseline FILE, schemas/baseline.json). Read-only once loaded;
// safe to share.
type Baseline struct {
	Path    string
	Entries []BaselineEntry
}

// BaselineEntry is one known failure. A plain value.
type BaselineEntry struct {
	Scenario string    // the scenario id
	Plugin   string    // the plugin slug it applies to; "" for every plugin
	Reason   string    // why it fails
	Issue    string    // a URL tracking the fix, or ""
	Expires  time.Time // the last day the entry holds; zero for never
	Line     int       // where the entry starts in Path
}

// baselineEntryJSON is an entry as the file writes it.
type baselineEntryJSON struct {
	Scenario string `json:"scenario"`
	Plugin   string `json:"plugin"`
	Reason   string `json:"reason"`
	Issue    string `json:"issue"`
	Expires  string `json:"expires"`
}

// LoadBaseline reads and checks a baseline file. A problem names the file,
// the line and the field: "base.yaml:7: /entries/2/reason: ...".
func LoadBaseline(path string) (*Baseline, error) {
	data, err := inputfile.Read(path, inputfile.BaselineLimit, "a baseline")
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	return ParseBaseline(path, data)
}

// ParseBaseline is LoadBaseline for bytes already read from path.
func ParseBaseline(path string, data []byte) (*Baseline, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: an empty baseline: want \"entries:\" and a list", path)
	}
	doc, err := scenario.ParseYAMLSource(path, data)
	if err != nil {
		return nil, err
	}
	var invalid *schemas.Error
	if err := schemas.ValidateDocument(schemas.KindBaseline, doc.Value); errors.As(err, &invalid) {
		return nil, doc.ErrorAt(invalid.Pointer, "%s", invalid.Message)
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return decodeBaseline(doc)
}

func decodeBaseline(doc *scenario.SourceDoc) (*Baseline, error) {
	raw, err := json.Marshal(doc.Value)
	if err != nil {
		return nil, err
	}
	var file struct {
		Entries []baselineEntryJSON `json:"entries"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("%s: %w", doc.File, err)
	}
	b := &Baseline{Path: doc.File}
	seen := map[[2]string]int{}
	for i, e := range file.Entries {
		at := scenario.IndexPointer("/entries", i)
		entry := BaselineEntry{Scenario: e.Scenario, Plugin: e.Plugin, Reason: e.Reason, Issue: e.Issue, Line: doc.LineOf(at)}
		if err := entry.setExpires(e.Expires); err != nil {
			return nil, doc.ErrorAt(at+"/expires", "%v", err)
		}
		key := [2]string{e.Scenario, e.Plugin}
		if first, dup := seen[key]; dup {
			return nil, doc.ErrorAt(at, "scenario %q already has an entry at line %d", e.Scenario, first)
		}
		seen[key] = entry.Line
		b.Entries = append(b.Entries, entry)
	}
	return b, nil
}

func (e *BaselineEntry) setExpires(s string) error {
	if s == "" {
		return nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	e.Expires = t
	return nil
}

// lookup returns the entry that covers scenario id against the plugin
// slug: one naming that plugin first, else one for every plugin.
func (b *Baseline) lookup(id, slug string) (BaselineEntry, bool) {
	if b == nil {
		return BaselineEntry{}, false
	}
	var general *BaselineEntry
	for i, e := range b.Entries {
		switch {
		case e.Scenario != id:
		case e.Plugin == slug:
			return e, true
		case e.Plugin == "":
			general = &b.Entries[i]
		}
	}
	if general == nil {
		return BaselineEntry{}, false
	}
	return *general, true
}

// expired reports whether the entry no longer holds on the given day.
func (e BaselineEntry) expired(today time.Time) bool {
	if e.Expires.IsZero() {
		return false
	}
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(e.Expires)
}
