package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/schemas"
)

// LoadError is a scenario file that cannot be loaded: where, the JSON
// pointer of the offending value in the file's JSON form, and what is
// wrong. A plain value.
type LoadError struct {
	Source  result.Source
	Pointer string
	Message string
}

// Error formats the error as "file:line: /pointer: message", leaving out a
// line of 0 and an empty pointer.
func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.Source.String())
	b.WriteString(": ")
	if e.Pointer != "" {
		b.WriteString(e.Pointer + ": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

func newLoadError(src result.Source, pointer, format string, args ...any) *LoadError {
	return &LoadError{Source: src, Pointer: pointer, Message: fmt.Sprintf(format, args...)}
}

// LoadFile loads the scenarios of one file, YAML or (when it ends in .json)
// JSON, named in errors and in each Source as given. Every failure is a
// *LoadError, several joined with errors.Join. Safe for concurrent use.
func LoadFile(file string) ([]*Scenario, error) {
	data, err := inputfile.Read(file, inputfile.ScenarioLimit, "a scenario file")
	if err != nil {
		return nil, newLoadError(result.Source{File: file}, "", "%v", UnwrapPathError(err))
	}
	return LoadData(file, data, OsSibling(filepath.Dir(file)))
}

// LoadFS loads every *.yaml, *.yml and *.json file below root in fsys, in
// lexical order, and checks that scenario ids are unique across them. Each
// Source names the file by its path in fsys. Manifest paths of load_plugin
// are read from the same file system, relative to the scenario file's
// folder. Safe for concurrent use.
func LoadFS(fsys fs.FS, root string) ([]*Scenario, error) {
	names, err := scenarioFiles(fsys, root)
	if err != nil {
		return nil, newLoadError(result.Source{File: root}, "", "%v", UnwrapPathError(err))
	}
	var all []*Scenario
	var errs []error
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, newLoadError(result.Source{File: name}, "", "%v", UnwrapPathError(err)))
			continue
		}
		list, err := LoadData(name, data, fsSibling(fsys, name))
		errs = append(errs, err)
		all = append(all, list...)
	}
	errs = append(errs, CheckUniqueIDs(all))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return all, nil
}

// scenarioFiles lists the scenario files below root, sorted.
func scenarioFiles(fsys fs.FS, root string) ([]string, error) {
	var names []string
	err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".yaml", ".yml", ".json":
			names = append(names, name)
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}

// fileReader reads a file named relative to a scenario file, as
// load_plugin's manifest path is; it returns the name to report with it.
type fileReader func(rel string) (name string, data []byte, err error)

// OsSibling reads files relative to the operating-system folder dir. The
// files it reads are load_plugin's manifests, so it reads regular files
// only, of at most inputfile.ManifestLimit; a refusal unwraps to an
// *inputfile.NotRegularError or *inputfile.TooLargeError.
func OsSibling(dir string) fileReader {
	return func(rel string) (string, []byte, error) {
		name := filepath.Join(dir, filepath.FromSlash(rel))
		data, err := inputfile.Read(name, inputfile.ManifestLimit, "a manifest")
		return name, data, err
	}
}

// fsSibling reads files of fsys relative to the folder of file.
func fsSibling(fsys fs.FS, file string) fileReader {
	return func(rel string) (string, []byte, error) {
		name := path.Join(path.Dir(file), rel)
		data, err := fs.ReadFile(fsys, name)
		return name, data, err
	}
}

// CheckUniqueIDs reports every scenario whose id an earlier one in the list
// already uses, naming both places. Callers that load several sets (the
// built-in suites and a plugin's own scenarios) check their union with it.
// Safe for concurrent use.
func CheckUniqueIDs(list []*Scenario) error {
	first := map[string]*Scenario{}
	var errs []error
	for _, sc := range list {
		if prev, dup := first[sc.ID]; dup {
			errs = append(errs, newLoadError(sc.Source, "/id", "duplicate scenario id %q (first at %s)", sc.ID, prev.Source))
			continue
		}
		first[sc.ID] = sc
	}
	return errors.Join(errs...)
}

// loadData loads the scenarios of one file's bytes; read reads the files
// it names.
func LoadData(file string, data []byte, read fileReader) ([]*Scenario, error) {
	doc, err := ParseSource(file, data)
	if err != nil {
		return nil, err
	}
	if err := schemas.ValidateDocument(schemas.KindScenario, doc.Value); err != nil {
		return nil, schemaLoadError(doc, err)
	}
	var list []*Scenario
	rules, errs := ownRules(doc)
	for _, at := range ScenarioPointers(doc.Value) {
		b := &scenarioBuilder{doc: doc, read: read, at: at, rules: rules}
		sc := b.build()
		errs = append(errs, b.errs...)
		list = append(list, sc)
	}
	errs = append(errs, CheckUniqueIDs(list))
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return list, nil
}

// scenarioPointers returns the pointer of each scenario of a valid file.
func ScenarioPointers(value any) []string {
	list, many := value.(map[string]any)["scenarios"].([]any)
	if !many {
		return []string{""}
	}
	at := make([]string, len(list))
	for i := range list {
		at[i] = IndexPointer("/scenarios", i)
	}
	return at
}

var stepKindPointer = regexp.MustCompile(`^(/scenarios/\d+)?/steps/\d+/([^/]+)$`)

// schemaLoadError places a schema failure on its line, naming an unknown
// step kind as such.
func schemaLoadError(doc *SourceDoc, err error) error {
	var se *schemas.Error
	if !errors.As(err, &se) {
		return newLoadError(result.Source{File: doc.File}, "", "checking against schemas/scenario.json: %v", err)
	}
	msg := se.Message
	if m := stepKindPointer.FindStringSubmatch(se.Pointer); m != nil && msg == "unknown member" {
		msg = fmt.Sprintf("unknown step kind %q (see docs/scenarios.md)", m[2])
	}
	return doc.ErrorAt(se.Pointer, "%s", msg)
}

// LoadErrors lists the errors a load returned, in order: each is a
// *LoadError when the error came from LoadFile or LoadFS.
func LoadErrors(err error) []error {
	if err == nil {
		return nil
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range joined.Unwrap() {
		out = append(out, LoadErrors(e)...)
	}
	return out
}

// unwrapPathError drops the operation and path a *fs.PathError repeats.
func UnwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
