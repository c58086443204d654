package selftest

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// writeCaughtBy rewrites the caught_by list and the misblamed map of each
// mutant whose observations differ from its declaration, as a golden-file
// update for people to review in the diff, and makes the new lists the
// declarations to judge. A misblamed entry whose scenario still catches the
// mutant is kept even when this run blamed a rule in breaks; the self-test's
// notes say which entries to check by hand.
func (st *selftest) writeCaughtBy(verdicts []testeeVerdict, w io.Writer) error {
	rewritten := 0
	for _, v := range verdicts {
		m := v.testee.mutant
		if m == nil {
			continue
		}
		misblamed := v.misblamed()
		// A blame that flips between runs (a rule in breaks one time, one
		// outside the next) stays listed while the scenario still catches
		// the mutant: dropping it after a lucky run fails the next one.
		for id, rule := range m.Misblamed {
			if _, listed := misblamed[id]; !listed && slices.Contains(v.caught, id) {
				misblamed[id] = rule
			}
		}
		if slices.Equal(m.CaughtBy, v.caught) && maps.Equal(m.Misblamed, misblamed) {
			continue
		}
		path := filepath.Join(v.testee.dir, mutantFile)
		if err := rewriteBlock(path, "caught_by:", caughtByYAML(v.caught)); err != nil {
			return err
		}
		if err := rewriteBlock(path, "misblamed:", misblamedYAML(misblamed)); err != nil {
			return err
		}
		m.CaughtBy, m.Misblamed = append([]string{}, v.caught...), misblamed
		rewritten++
	}
	fmt.Fprintf(w, "selftest: rewrote caught_by and misblamed in %d mutant.yaml files\n", rewritten)
	return nil
}

// rewriteBlock replaces the top-level block of a mutant.yaml that starts
// with key (its line and the indented or list lines after it) with block,
// or appends block when there is none, leaving every other line as it was.
// An empty block removes the key.
func rewriteBlock(path, key, block string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	lines := strings.SplitAfter(text, "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, key) })
	if start < 0 {
		start = len(lines)
	}
	end := start + 1
	for end < len(lines) && (strings.HasPrefix(lines[end], " ") || strings.HasPrefix(lines[end], "-")) {
		end++
	}
	end = min(end, len(lines))
	out := strings.Join(lines[:start], "") + block + strings.Join(lines[end:], "")
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

// misblamedYAML renders misblamed as a block mapping in id order, or
// nothing when it is empty.
func misblamedYAML(m map[string]string) string {
	if len(m) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("misblamed:  # known misattributions to fix: scenario -> the rule it wrongly blames\n")
	for _, id := range sortedKeys(m) {
		b.WriteString("  " + id + ": " + m[id] + "\n")
	}
	return b.String()
}
