package manifest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/conform-dev/conform/internal/inputfile"
	"github.com/conform-dev/conform/internal/jsonpos"
	"github.com/conform-dev/conform/schemas"
)

// File is the name of a plugin's manifest inside its folder.
const File = "manifest.json"

// Manifest describes a plugin (CONFORMANCE.md §7). It is read-only after
// loading and safe to share.
type Manifest struct {
	Slug         string                    `json:"slug"`
	Version      string                    `json:"version"`
	Name         string                    `json:"name,omitempty"`
	Permissions  []string                  `json:"permissions,omitempty"`
	PublicSchema map[string]PublishedTable `json:"public_schema,omitempty"`
	Settings     []Setting                 `json:"settings,omitempty"`
	Backend      *Backend                  `json:"backend,omitempty"`

	// Path is the manifest file the manifest was read from; Dir its folder,
	// against which backend paths are resolved (LIFE-1).
	Path string `json:"-"`
	Dir  string `json:"-"`
}

// PublishedTable is one table of public_schema (MAN-6).
type PublishedTable struct {
	Columns []string `json:"columns"`
}

// Setting is one admin-configurable value (MAN-5).
type Setting struct {
	Key         string `json:"key"`
	Type        string `json:"type"`
	Default     any    `json:"default"`
	Options     []any  `json:"options,omitempty"`
	Label       string `json:"label,omitempty"`
	Description string `json:"description,omitempty"`
}

// Backend says how to build and start the plugin process (MAN-4).
type Backend struct {
	Command    []string          `json:"command"`
	Build      *Build            `json:"build,omitempty"`
	ServeReady bool              `json:"serve_ready,omitempty"`
	Env        map[string]string `json:"env,omitempty"`
}

// Build is the optional build step run once before the first start (LIFE-2).
type Build struct {
	Command []string `json:"command"`
	Dir     string   `json:"dir,omitempty"`
}

// Error is a manifest that cannot be loaded. It names the file, the
// line when known, the JSON pointer and the rule broken.
type Error struct {
	Path    string
	Line    int
	Pointer string
	Rule    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Pointer != "" {
		b.WriteString(e.Pointer + ": ")
	}
	b.WriteString(e.Message)
	if e.Rule != "" {
		b.WriteString(" [" + e.Rule + "]")
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Load reads a manifest from path, which is either the manifest file
// or the plugin folder holding it. overrides, when not nil, is a JSON merge
// patch (RFC 7386) applied before validation, as scenarios use to set
// permissions and settings (TST-3). Every failure is an *Error
// (MAN-7), also a file that is not a regular one or is over
// inputfile.ManifestLimit, which is refused without blocking or reading
// past the cap.
func Load(path string, overrides map[string]any) (*Manifest, error) {
	path, err := manifestPath(path)
	if err != nil {
		return nil, &Error{Path: path, Message: err.Error(), Rule: "MAN-7", Err: err}
	}
	data, err := inputfile.Read(path, inputfile.ManifestLimit, "a manifest")
	if err != nil {
		return nil, &Error{Path: path, Message: readMessage(err), Rule: "MAN-7", Err: err}
	}
	return Parse(path, data, overrides)
}

// readMessage says why the manifest file could not be read: a file that
// is not regular or is over the cap without the operation and path the
// *Error already names, any other error as the system gives it.
func readMessage(err error) string {
	var notRegular *inputfile.NotRegularError
	var tooLarge *inputfile.TooLargeError
	if errors.As(err, &notRegular) || errors.As(err, &tooLarge) {
		return errors.Unwrap(err).Error()
	}
	return err.Error()
}

// Parse is Load for bytes already read from path.
func Parse(path string, data []byte, overrides map[string]any) (*Manifest, error) {
	doc, err := schemas.Decode(data)
	var dup *schemas.DuplicateKeyError
	if errors.As(err, &dup) {
		return nil, &Error{Path: path, Line: jsonpos.Line(data, dup.Pointer), Pointer: dup.Pointer, Rule: "MAN-7",
			Message: fmt.Sprintf("the member %q appears twice in one object; decoders disagree on which one counts", dup.Name), Err: err}
	}
	if err != nil {
		return nil, &Error{Path: path, Message: "not valid JSON: " + err.Error(), Rule: "MAN-7", Err: err}
	}
	if overrides != nil {
		doc = MergePatch(doc, overrides)
	}
	if err := schemas.ValidateDocument(schemas.KindManifest, doc); err != nil {
		return nil, manifestSchemaError(path, data, err)
	}
	obj, _ := doc.(map[string]any)
	if issues := Check(obj); len(issues) > 0 {
		i := issues[0]
		return nil, &Error{Path: path, Line: jsonpos.Line(data, i.Pointer), Pointer: i.Pointer, Rule: i.Rule, Message: i.Message, Err: i}
	}
	m, err := decodeManifest(doc)
	if err != nil {
		return nil, &Error{Path: path, Message: err.Error(), Rule: "MAN-7", Err: err}
	}
	m.Path, m.Dir = path, filepath.Dir(path)
	return m, nil
}

func manifestPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return abs, err
	}
	if info.IsDir() {
		abs = filepath.Join(abs, File)
	}
	return abs, nil
}

func manifestSchemaError(path string, data []byte, err error) error {
	var se *schemas.Error
	if !errors.As(err, &se) {
		return &Error{Path: path, Message: err.Error(), Rule: "MAN-7", Err: err}
	}
	rule := se.Rule
	if rule == "" {
		rule = "MAN-7"
	}
	return &Error{Path: path, Line: jsonpos.Line(data, se.Pointer), Pointer: se.Pointer, Rule: rule, Message: se.Message, Err: err}
}

func decodeManifest(doc any) (*Manifest, error) {
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// Setting returns the manifest's setting with the given key.
func (m *Manifest) Setting(key string) (Setting, bool) {
	for _, s := range m.Settings {
		if s.Key == key {
			return s, true
		}
	}
	return Setting{}, false
}

// MergePatch applies a JSON merge patch (RFC 7386) to doc and returns the
// result; doc is not modified.
func MergePatch(doc any, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	base, ok := doc.(map[string]any)
	out := make(map[string]any, len(base)+len(p))
	if ok {
		for k, v := range base {
			out[k] = v
		}
	}
	for k, v := range p {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = MergePatch(out[k], v)
	}
	return out
}
