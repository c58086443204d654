package selftest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// writeCaughtBy rewrites the caught_by list of each mutant whose catches
// differ from its declaration, as a golden-file update for people to
// review in the diff, and makes the new lists the declarations to judge.
func (st *selftest) writeCaughtBy(verdicts []testeeVerdict, w io.Writer) error {
	rewritten := 0
	for _, v := range verdicts {
		m := v.testee.mutant
		if m == nil || slices.Equal(m.CaughtBy, v.caught) {
			continue
		}
		path := filepath.Join(v.testee.dir, mutantFile)
		if err := rewriteCaughtBy(path, v.caught); err != nil {
			return err
		}
		m.CaughtBy = append([]string{}, v.caught...)
		rewritten++
	}
	fmt.Fprintf(w, "selftest: rewrote caught_by in %d mutant.yaml files\n", rewritten)
	return nil
}

// rewriteCaughtBy replaces the top-level caught_by of a mutant.yaml with
// ids, leaving every other line as it was.
func rewriteCaughtBy(path string, ids []string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	lines := strings.SplitAfter(text, "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "caught_by:") })
	if start < 0 {
		start = len(lines)
	}
	end := start + 1
	for end < len(lines) && (strings.HasPrefix(lines[end], " ") || strings.HasPrefix(lines[end], "-")) {
		end++
	}
	end = min(end, len(lines))
	out := strings.Join(lines[:start], "") + caughtByYAML(ids) + strings.Join(lines[end:], "")
	return os.WriteFile(path, []byte(out), 0o644)
}

// caughtByYAML renders caught_by as a block list, one id per line.
func caughtByYAML(ids []string) string {
	if len(ids) == 0 {
		return "caught_by: []\n"
	}
	var b strings.Builder
	b.WriteString("caught_by:\n")
	for _, id := range ids {
		b.WriteString("  - " + id + "\n")
	}
	return b.String()
}
