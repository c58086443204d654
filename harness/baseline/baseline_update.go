package baseline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	reports "github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/result"
	"github.com/conform-dev/conform/internal/inputfile"
	"go.yaml.in/yaml/v3"
)

// BaselineUpdateConfig is what `conform baseline update` does.
type BaselineUpdateConfig struct {
	From     string // the JSON report of a run
	Baseline string // the baseline file to rewrite (created when missing)
	// Now tells the date of new entries; nil means time.Now.
	Now func() time.Time
}

// UpdateBaseline rewrites cfg.Baseline from the report cfg.From: it keeps
// each entry (with its reason and comments) whose scenario still fails or
// did not run, drops each whose scenario ran and passed, and adds an entry
// for each new failure with the reason "failing since <date>: say why". It
// prints what it did on stdout and returns ExitPass, or ExitUsage for an
// unreadable or invalid input, explained on stderr.
func UpdateBaseline(cfg BaselineUpdateConfig, stdout, stderr io.Writer) int {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	report, err := reports.ReadReport(cfg.From)
	if err != nil {
		fmt.Fprintf(stderr, "conform baseline update: --from: %v\n", err)
		return result.ExitUsage
	}
	doc, old, err := readBaselineForUpdate(cfg.Baseline)
	if err != nil {
		fmt.Fprintf(stderr, "conform baseline update: %v\n", err)
		return result.ExitUsage
	}
	u := baselineUpdate{report: report, old: old, since: cfg.Now().Format(dateLayout)}
	kept, dropped, added := u.apply(doc)
	if err := writeBaselineDocument(cfg.Baseline, doc); err != nil {
		fmt.Fprintf(stderr, "conform baseline update: %v\n", err)
		return result.ExitInternal
	}
	fmt.Fprintf(stdout, "%s: kept %d, dropped %d, added %d\n", cfg.Baseline, kept, dropped, added)
	return result.ExitPass
}

// readBaselineForUpdate returns the baseline file's YAML document and its
// checked entries, or an empty document when the file does not exist.
func readBaselineForUpdate(path string) (*yaml.Node, *Baseline, error) {
	data, err := inputfile.Read(path, inputfile.BaselineLimit, "a baseline")
	if errors.Is(err, fs.ErrNotExist) {
		return emptyBaselineDocument(), &Baseline{Path: path}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	old, err := ParseBaseline(path, data)
	if err != nil {
		return nil, nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, err
	}
	return &doc, old, nil
}

func emptyBaselineDocument() *yaml.Node {
	entries := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{yamlString("entries"), entries}}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
}

func writeBaselineDocument(path string, doc *yaml.Node) error {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func yamlString(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}
