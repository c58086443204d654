package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// scenarioSource returns the text of the file sc was loaded from: from the
// built-in suites, or from disk.
func (p *plan) scenarioSource(cfg RunConfig, sc *Scenario) ([]byte, error) {
	if !p.builtin[sc] {
		return os.ReadFile(sc.Source.File)
	}
	fsys := builtinSuites(cfg.Builtin)
	data, err := fs.ReadFile(fsys, sc.Source.File)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = fs.ReadFile(fsys, strings.TrimPrefix(sc.Source.File, "suites/"))
	}
	return data, err
}

// scenarioDocument returns the mapping that defines scenario id in the
// text of the scenario file named file, as JSON: the file's only
// scenario, or the one with that id in its scenarios list.
func scenarioDocument(file string, data []byte, id string) (map[string]any, error) {
	doc, err := parseSource(file, data)
	if err != nil {
		return nil, err
	}
	if _, isObject := doc.value.(map[string]any); !isObject {
		return nil, fmt.Errorf("%s: not a scenario file", file)
	}
	for _, at := range scenarioPointers(doc.value) {
		if m, ok := descend(doc.value, at).(map[string]any); ok && m["id"] == id {
			return m, nil
		}
	}
	return nil, fmt.Errorf("%s: no scenario %q in the file", file, id)
}
