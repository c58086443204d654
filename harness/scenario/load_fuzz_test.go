package scenario_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conform-dev/conform/harness/scenario"
	_ "github.com/conform-dev/conform/harness/steps" // registers every step kind's parser
)

// maxFuzzScenarioBytes bounds the inputs of FuzzLoadData: a file of up to
// 64 KiB must load within the fuzzing engine's time for one input, which is
// how this target checks that loading is bounded. Larger inputs are
// skipped, not failed.
const maxFuzzScenarioBytes = 64 << 10

// FuzzLoadData loads arbitrary bytes as a scenario file, named .json or
// .yaml, with a reader that serves one real manifest and refuses every
// other name, as load_plugin's path form reads. LoadData never panics; it
// returns scenarios or an error, never both; every error it joins is a
// *LoadError naming the file; every scenario it returns has an id and
// comes from the file.
func FuzzLoadData(f *testing.F) {
	for _, name := range []string{
		"testdata/load/good.yaml", "testdata/load/good.json",
		"../../suites/time.yaml", "../../suites/numbers.json", "../../suites/actions.yaml",
	} {
		data, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasSuffix(name, ".json"))
	}
	f.Add([]byte("id: p.load\nrequirements: [MAN-7]\nsteps:\n  - load_plugin: {manifest: plugin/manifest.json}\n  - load_plugin: {manifest: missing.json}\n"), false)
	f.Add([]byte(`{"id":"a","steps":[{"advance":"5s"}],"id":"b"}`), true)
	manifest, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "manifests", "valid", "guestbook.json"))
	if err != nil {
		f.Fatal(err)
	}
	read := func(rel string) (string, []byte, error) {
		name := "fuzz/" + rel
		if rel == "plugin/manifest.json" {
			return name, manifest, nil
		}
		return name, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		if len(data) > maxFuzzScenarioBytes {
			t.Skip("over the size this target bounds")
		}
		file := "fuzz/scenario.yaml"
		if asJSON {
			file = "fuzz/scenario.json"
		}
		list, err := scenario.LoadData(file, data, read)
		if err == nil {
			for _, sc := range list {
				if sc == nil || sc.ID == "" || sc.Source.File != file {
					t.Fatalf("loaded a scenario without an id or from elsewhere: %+v", sc)
				}
			}
			return
		}
		if list != nil {
			t.Fatalf("both %d scenarios and an error: %v", len(list), err)
		}
		errs := scenario.LoadErrors(err)
		if len(errs) == 0 {
			t.Fatalf("an error that lists no errors: %v", err)
		}
		for _, e := range errs {
			var le *scenario.LoadError
			if !errors.As(e, &le) || e != error(le) {
				t.Fatalf("%T is not a *LoadError: %v", e, e)
			}
			if le.Source.File != file || !strings.HasPrefix(le.Error(), file) {
				t.Fatalf("a load error that does not name the file first: %v", le)
			}
		}
	})
}
