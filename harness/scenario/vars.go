package scenario

import (
	"encoding/json"
	"fmt"
	"github.com/conform-dev/conform/harness/internal/render"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// SlugVar is the variable every scenario has: the plugin's slug.
const SlugVar = "slug"

// varRef is one ${name.path} in a string.
type varRef struct {
	start, end int      // byte range of the reference in its string
	name       string   // the variable
	path       []string // members or indices below it
}

var varPattern = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_-]+)*)\}`)

// varRefs finds the references in s, in order.
func varRefs(s string) []varRef {
	if !strings.Contains(s, "${") {
		return nil
	}
	var refs []varRef
	for _, m := range varPattern.FindAllStringSubmatchIndex(s, -1) {
		ref := varRef{start: m[0], end: m[1], name: s[m[2]:m[3]]}
		if m[4] < m[5] {
			ref.path = strings.Split(s[m[4]+1:m[5]], ".")
		}
		refs = append(refs, ref)
	}
	return refs
}

// Vars are the values a running scenario has named: the plugin's slug, and
// what publish.save, request.as and expect_frame.as saved. Values are
// generic JSON. Used by the goroutine running the scenario's steps.
type Vars struct {
	values map[string]any
}

// NewVars returns the variables of a scenario run against the plugin slug.
func NewVars(slug string) *Vars { return &Vars{values: map[string]any{SlugVar: slug}} }

// Set names a value.
func (v *Vars) Set(name string, value any) { v.values[name] = value }

// Get returns the value of a name.
func (v *Vars) Get(name string) (any, bool) {
	value, ok := v.values[name]
	return value, ok
}

// Expand substitutes the references in s. A string that is exactly one
// reference becomes the referenced value itself, whatever its type; any
// other reference is replaced by its value's text (strings as they are,
// anything else as JSON).
func (v *Vars) Expand(s string) (any, error) {
	refs := varRefs(s)
	if len(refs) == 1 && refs[0].start == 0 && refs[0].end == len(s) {
		return v.lookup(refs[0])
	}
	var b strings.Builder
	last := 0
	for _, ref := range refs {
		value, err := v.lookup(ref)
		if err != nil {
			return nil, err
		}
		b.WriteString(s[last:ref.start])
		b.WriteString(textOf(value))
		last = ref.end
	}
	if last == 0 {
		return s, nil
	}
	b.WriteString(s[last:])
	return b.String(), nil
}

// lookup resolves one reference.
func (v *Vars) lookup(ref varRef) (any, error) {
	value, ok := v.values[ref.name]
	if !ok {
		return nil, fmt.Errorf("${%s} is not set", ref.name)
	}
	for i, step := range ref.path {
		next, ok := child(value, step)
		if !ok {
			where := strings.Join(append([]string{ref.name}, ref.path[:i]...), ".")
			return nil, fmt.Errorf("${%s}: %s has no member %q (it is %s)", strings.Join(append([]string{ref.name}, ref.path...), "."), where, step, render.ShortJSON(value))
		}
		value = next
	}
	return value, nil
}

// child returns a member of an object or an element of an array.
func child(v any, step string) (any, bool) {
	switch t := v.(type) {
	case map[string]any:
		c, ok := t[step]
		return c, ok
	case []any:
		i, err := strconv.Atoi(step)
		if err != nil || i < 0 || i >= len(t) {
			return nil, false
		}
		return t[i], true
	}
	return nil, false
}

// textOf renders a value inside a longer string.
func textOf(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// nameScope is what the loader knows of the names defined so far while it
// reads a scenario's steps in order.
type NameScope struct {
	Vars    map[string]bool
	Pending map[string]bool // requests sent with wait: false, not yet awaited
}

func newNameScope() *NameScope {
	return &NameScope{Vars: map[string]bool{SlugVar: true}, Pending: map[string]bool{}}
}

func (s *NameScope) defined(name string) bool { return s.Vars[name] }

// define names a value saved by a step.
func (s *NameScope) Define(name string) {
	if name != "" {
		s.Vars[name] = true
	}
}

// StartName is what a frame search's after names to search from the
// scenario's first frame.
const StartName = "start"

// CheckAfter checks the after member of a frame search: "start" or a name
// an earlier step defined.
func (s *NameScope) CheckAfter(after string) error {
	if after == "" || after == StartName || s.Vars[after] || s.Pending[after] {
		return nil
	}
	return &ArgError{Pointer: "/after", Message: fmt.Sprintf("after %q: no earlier step defines that name, and it is not %q (%s)", after, StartName, s.describe())}
}

// snapshot copies the names defined so far.
func (s *NameScope) snapshot() map[string]bool {
	out := make(map[string]bool, len(s.Vars)+len(s.Pending))
	for n := range s.Vars {
		out[n] = true
	}
	for n := range s.Pending {
		out[n] = true
	}
	return out
}

// since lists, sorted, the names defined after before was taken.
func (s *NameScope) since(before map[string]bool) []string {
	var out []string
	for n := range s.Vars {
		if !before[n] {
			out = append(out, n)
		}
	}
	for n := range s.Pending {
		if !before[n] && !s.Vars[n] {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// describe lists the defined names, for messages.
func (s *NameScope) describe() string {
	names := make([]string, 0, len(s.Vars))
	for n := range s.Vars {
		names = append(names, n)
	}
	sort.Strings(names)
	return "defined so far: " + strings.Join(names, ", ")
}

// nameBinder is implemented by the arguments of steps that define names or
// refer to pending requests; the loader calls bind in step order.
type nameBinder interface {
	Bind(s *NameScope) error
}
