package conform_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// allowedImports is the import direction of the module, as
// docs/architecture.md draws it: each package of ours, and the packages of
// ours it may import (tests excluded). A new edge fails TestImportDirection
// until it is added here and to the drawing, so the layers stay one way:
// reporters never see the engine or the runtime, the runtime never sees
// the harness, services never see the session core.
var allowedImports = map[string][]string{
	".":                           nil,
	"cmd/conform":                 {"harness"},
	"internal/jsonpos":            nil,
	"internal/inputfile":          nil,
	"internal/buildinfo":          {".", "suites"},
	"schemas":                     nil,
	"suites":                      nil,
	"harness":                     {"internal/buildinfo", "internal/inputfile", "harness/baseline", "harness/engine", "harness/internal/render", "harness/plan", "harness/report", "harness/result", "harness/scenario", "harness/selftest", "harness/steps", "harness/validate", "mockruntime", "schemas"},
	"harness/result":              nil,
	"harness/internal/words":      nil,
	"harness/internal/render":     {"mockruntime"},
	"harness/report":              {".", "internal/buildinfo", "internal/inputfile", "harness/internal/words", "harness/result", "internal/jsonpos", "schemas"},
	"harness/scenario":            {".", "internal/inputfile", "harness/internal/render", "harness/result", "mockruntime", "mockruntime/match", "schemas"},
	"harness/baseline":            {"internal/inputfile", "harness/report", "harness/result", "harness/scenario", "schemas"},
	"harness/validate":            {"internal/inputfile", "harness/baseline", "harness/internal/words", "harness/scenario", "internal/jsonpos", "mockruntime", "mockruntime/wire", "schemas"},
	"harness/steps":               {".", "harness/internal/render", "harness/scenario", "harness/validate", "mockruntime", "mockruntime/clock", "mockruntime/match", "mockruntime/wire", "schemas"},
	"harness/engine":              {".", "harness/internal/render", "harness/result", "harness/scenario", "harness/steps", "mockruntime", "mockruntime/wire"},
	"harness/plan":                {".", "internal/inputfile", "harness/baseline", "harness/engine", "harness/internal/words", "harness/report", "harness/result", "harness/scenario", "mockruntime", "suites"},
	"harness/selftest":            {".", "harness/engine", "harness/plan", "harness/result", "harness/scenario", "mockruntime"},
	"harness/conformtest":         {"harness/engine", "harness/plan", "harness/report", "harness/result", "harness/scenario", "harness/steps", "mockruntime", "suites"},
	"mockruntime/wire":            nil,
	"mockruntime/clock":           nil,
	"mockruntime/manifest":        {"internal/inputfile", "internal/jsonpos", "schemas"},
	"mockruntime/service":         {"mockruntime/clock", "mockruntime/manifest", "mockruntime/wire"},
	"mockruntime/match":           {"mockruntime", "mockruntime/wire"},
	"mockruntime/mockruntimetest": {"mockruntime", "mockruntime/match"},
	"mockruntime": {"mockruntime/clock", "mockruntime/internal/build", "mockruntime/internal/bus", "mockruntime/internal/framing",
		"mockruntime/internal/proc", "mockruntime/internal/services/*", "mockruntime/manifest", "mockruntime/service", "mockruntime/wire", "schemas"},
	"mockruntime/internal/atomicfile": nil,
	"mockruntime/internal/build":      {"mockruntime/internal/proc"},
	"mockruntime/internal/proc":       nil,
	"mockruntime/internal/framing":    {"mockruntime/wire"},
	"mockruntime/internal/sqlstore":   {"mockruntime/wire"},
	"mockruntime/internal/bus":        {"mockruntime/clock", "mockruntime/wire"},
	"mockruntime/internal/services":   nil,
	// a service sees the service interface, the leaves and the stores it
	// is built on; never the runtime's session core
	"mockruntime/internal/services/*": {"mockruntime/service", "mockruntime/clock", "mockruntime/wire", "mockruntime/manifest",
		"mockruntime/internal/bus", "mockruntime/internal/sqlstore", "mockruntime/internal/atomicfile", "internal/inputfile"},
	// the reference plugins and mutants are plugin code: they may use the
	// wire leaf and each other, never the runtime or the harness
	"fixtures/*": {"fixtures/*", "mockruntime/wire"},
	// example plugins: their Go tests drive them through the harness
	"examples/*": {"harness/conformtest", "mockruntime", "mockruntime/mockruntimetest"},
}

const module = "github.com/conform-dev/conform"

// TestImportDirection fails when a package of the module imports one of
// ours that allowedImports does not allow it to.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		pkg := local(fields[0])
		allowed, known := rulesFor(pkg)
		if !known {
			t.Errorf("%s is not in allowedImports: add it with the packages it may import, and to docs/architecture.md", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			if imp != module && !strings.HasPrefix(imp, module+"/") {
				continue
			}
			if dep := local(imp); !matchesAny(dep, allowed) {
				t.Errorf("%s imports %s, against the allowed direction (architecture_test.go, docs/architecture.md)", pkg, dep)
			}
		}
	}
}

// local is an import path relative to the module ("." for its root).
func local(path string) string {
	if path == module {
		return "."
	}
	return strings.TrimPrefix(path, module+"/")
}

// rulesFor finds the entry of pkg: its own, or the nearest "dir/*" above it.
func rulesFor(pkg string) ([]string, bool) {
	if allowed, ok := allowedImports[pkg]; ok {
		return allowed, true
	}
	for dir := pkg; strings.Contains(dir, "/"); {
		dir = dir[:strings.LastIndex(dir, "/")]
		if allowed, ok := allowedImports[dir+"/*"]; ok {
			return allowed, true
		}
	}
	return nil, false
}

// matchesAny reports whether dep is one of patterns, where "dir/*" stands
// for every package below dir.
func matchesAny(dep string, patterns []string) bool {
	return slices.ContainsFunc(patterns, func(p string) bool {
		if prefix, ok := strings.CutSuffix(p, "/*"); ok {
			return strings.HasPrefix(dep, prefix+"/")
		}
		return p == dep
	})
}
