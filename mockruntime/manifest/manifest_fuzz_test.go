package manifest_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/conform-dev/conform/mockruntime/manifest"
	"github.com/conform-dev/conform/schemas"
)

var manifestRule = regexp.MustCompile(`^MAN-[0-9]+$`)

// FuzzParse parses arbitrary bytes as a manifest, with an optional merge
// patch of overrides as scenarios apply (TST-3). Parse never panics; it
// returns a manifest or an *manifest.Error, never both; the error names the
// file and a MAN rule, and a text that is not one JSON document (or has a
// member twice) breaks MAN-7. An accepted manifest has a slug and a version
// (MAN-1, MAN-2) and knows its file.
func FuzzParse(f *testing.F) {
	for _, name := range []string{
		"valid/guestbook.json", "valid/data-only.json", "valid/every-capability.json",
		"invalid/setting-select-default-not-in-options.json", "invalid/permissions-duplicate.json",
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "manifests", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte(nil))
	}
	f.Add([]byte(`{"slug":"a","slug":"b","version":"1.0.0"}`), []byte(nil))
	f.Add([]byte(`{"slug":"p","version":"1.0.0","name":"P"}`), []byte(`{"permissions":["data.kv:self"],"settings":null}`))
	const path = "/plugins/p/manifest.json"
	f.Fuzz(func(t *testing.T, data, patch []byte) {
		var overrides map[string]any
		if p, err := schemas.Decode(patch); err == nil {
			overrides, _ = p.(map[string]any)
		}
		m, err := manifest.Parse(path, data, overrides)
		if err == nil {
			if m == nil || m.Path != path || m.Slug == "" || m.Version == "" {
				t.Fatalf("accepted %q as %+v", data, m)
			}
			return
		}
		if m != nil {
			t.Fatalf("both a manifest and an error: %v", err)
		}
		var me *manifest.Error
		if !errors.As(err, &me) || err != error(me) {
			t.Fatalf("the error is %T, not a *manifest.Error: %v", err, err)
		}
		if me.Path != path || !strings.HasPrefix(me.Error(), path) || !manifestRule.MatchString(me.Rule) {
			t.Fatalf("the error names neither the file nor a MAN rule: %q (rule %q)", me.Error(), me.Rule)
		}
		if _, derr := schemas.Decode(data); derr != nil && me.Rule != "MAN-7" {
			t.Fatalf("a text that is not a JSON document (%v) broke %s, not MAN-7", derr, me.Rule)
		}
		if me.Line < 0 || me.Line > strings.Count(string(data), "\n")+1 {
			t.Fatalf("line %d of a text of %d lines: %v", me.Line, strings.Count(string(data), "\n")+1, err)
		}
	})
}
