package schemas

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// registry is every compiled schema plus the raw documents they came from.
// It is built once by load and never changed afterwards, so any number of
// goroutines may read it.
type registry struct {
	// docs holds each raw document by URL, for the x-rule walk.
	docs map[string]any
	// envelope checks a frame whose type cannot be dispatched on.
	envelope *compiled
	// frames maps a direction and a frame type to that type's schema.
	frames map[Direction]map[string]*compiled
	// fallback checks a frame of a type without a schema of its own.
	fallback map[Direction]*compiled
	services map[string]*service
	// names lists the services, sorted.
	names     []string
	documents map[Kind]*compiled
}

// compiled is one schema in both forms: the full validator, which decides
// and explains, and the fast path, which accepts what certainly passes (nil
// when the schema uses a keyword it does not know).
type compiled struct {
	full *jsonschema.Schema
	fast *fastSchema
}

// service is the compiled schemas of one service call type.
type service struct {
	// ops lists the operations selected by params.op, sorted; nil when the
	// service has none.
	ops []string
	// selector checks params.op against ops; nil when ops is nil.
	selector *compiled
	// params and results are keyed by op, or by "" without ops. A service
	// answered by an event.ack has no results.
	params  map[string]*compiled
	results map[string]*compiled
}

var (
	loadOnce sync.Once
	loaded   *registry
	errLoad  error
)

// schemasOnce returns the registry, compiling every schema on the first call.
func schemasOnce() (*registry, error) {
	loadOnce.Do(func() { loaded, errLoad = load(files) })
	return loaded, errLoad
}

// load compiles every document of fsys.
func load(fsys fs.FS) (*registry, error) {
	full := jsonschema.NewCompiler()
	full.Draft = jsonschema.Draft2020
	if err := registerMaxBytes(full); err != nil {
		return nil, err
	}
	r := &registry{docs: map[string]any{}}
	if err := r.addResources(full, fsys); err != nil {
		return nil, err
	}
	l := &loader{full: full, fast: newFastCompiler(r.docs)}
	for _, step := range []func(*loader, fs.FS) error{r.compileFrames, r.compileServices, r.compileDocuments} {
		if err := step(l, fsys); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// loader compiles schemas in both forms.
type loader struct {
	full *jsonschema.Compiler
	fast *fastCompiler
}

// compile compiles the schema at url, which may carry a fragment.
func (l *loader) compile(url string) (*compiled, error) {
	s, err := l.full.Compile(url)
	if err != nil {
		return nil, err
	}
	return &compiled{full: s, fast: compileFast(l.fast, url)}, nil
}

// addResources hands every document to c and keeps its raw form.
func (r *registry) addResources(c *jsonschema.Compiler, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".json" {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		doc, err := Decode(data)
		if err != nil {
			return fmt.Errorf("schemas: %s: %w", name, err)
		}
		r.docs[baseURL+name] = doc
		return c.AddResource(baseURL+name, bytes.NewReader(data))
	})
}

// compileFrames compiles the envelope and every frame schema of both
// directions. A frame type is named by its file: plugin/pong.json is the
// pong frame from the plugin.
func (r *registry) compileFrames(l *loader, fsys fs.FS) error {
	var err error
	if r.envelope, err = l.compile(baseURL + "envelope.json"); err != nil {
		return err
	}
	r.frames = map[Direction]map[string]*compiled{}
	for dir, folder := range map[Direction]string{FromPlugin: "plugin", ToPlugin: "runtime"} {
		if r.frames[dir], err = l.compileFolder(fsys, folder); err != nil {
			return err
		}
	}
	serviceCall := r.frames[FromPlugin][serviceCallFile]
	delete(r.frames[FromPlugin], serviceCallFile)
	r.fallback = map[Direction]*compiled{FromPlugin: serviceCall, ToPlugin: r.envelope}
	return nil
}

// serviceCallFile names, without .json, the schema in plugin/ that checks
// every plugin frame without a schema of its own: a service call.
const serviceCallFile = "service-call"

// compileFolder compiles each document of folder, keyed by its file name
// without .json.
func (l *loader) compileFolder(fsys fs.FS, folder string) (map[string]*compiled, error) {
	names, err := fs.Glob(fsys, folder+"/*.json")
	if err != nil {
		return nil, err
	}
	schemas := make(map[string]*compiled, len(names))
	for _, name := range names {
		s, err := l.compile(baseURL + name)
		if err != nil {
			return nil, err
		}
		schemas[strings.TrimSuffix(path.Base(name), ".json")] = s
	}
	return schemas, nil
}

// compileDocuments compiles the schema of every Kind.
func (r *registry) compileDocuments(l *loader, _ fs.FS) error {
	r.documents = make(map[Kind]*compiled, len(documentFiles))
	for kind, name := range documentFiles {
		s, err := l.compile(baseURL + name)
		if err != nil {
			return err
		}
		r.documents[kind] = s
	}
	return nil
}

// sortedKeys returns the keys of m in ascending order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// asObject returns v as a JSON object, or nil.
func asObject(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
