package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/internal/inputfile"
)

// scenarioSource returns the text of the file sc was loaded from: from the
// built-in suites, or from disk.
func (p *Plan) ScenarioSource(cfg RunConfig, sc *scenario.Scenario) ([]byte, error) {
	if !p.builtin[sc.Written()] {
		return inputfile.Read(sc.Source.File, inputfile.ScenarioLimit, "a scenario file")
	}
	fsys := BuiltinSuites(cfg.Builtin)
	data, err := fs.ReadFile(fsys, sc.Source.File)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = fs.ReadFile(fsys, strings.TrimPrefix(sc.Source.File, "suites/"))
	}
	return data, err
}

// scenarioDocument returns the mapping that defines scenario id in the
// text of the scenario file named file, as JSON: the file's only
// scenario, or the one with that id in its scenarios list.
func ScenarioDocument(file string, data []byte, id string) (map[string]any, error) {
	doc, err := scenario.ParseSource(file, data)
	if err != nil {
		return nil, err
	}
	if _, isObject := doc.Value.(map[string]any); !isObject {
		return nil, fmt.Errorf("%s: not a scenario file", file)
	}
	for _, at := range scenario.ScenarioPointers(doc.Value) {
		if m, ok := scenario.Descend(doc.Value, at).(map[string]any); ok && m["id"] == id {
			return m, nil
		}
	}
	return nil, fmt.Errorf("%s: no scenario %q in the file", file, id)
}
