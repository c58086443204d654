package plan

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/conform-dev/conform/harness/report"
	"github.com/conform-dev/conform/harness/scenario"
	"github.com/onsi/ginkgo/v2/types"
)

// selection decides which loaded scenarios a run or a listing includes.
// Scenarios it leaves out are not listed at all (a skip is something
// else: a selected scenario that does not apply). Read-only once made.
type selection struct {
	focus, skip *regexp.Regexp    // over id and title; nil when not given
	labels      types.LabelFilter // nil when not given
	profile     string            // only scenarios for this profile; "" for all
	rerun       map[string]bool   // only these ids; nil when not given
	shard       shard
}

// selectionFlags are the flags shared by run and list that choose
// scenarios.
type selectionFlags struct {
	Focus, Skip, LabelFilter string
}

// parse checks the flags and returns the selection they make.
func (f selectionFlags) parse() (selection, error) {
	var sel selection
	var errs []error
	var err error
	if sel.focus, err = compileFilter("--focus", f.Focus); err != nil {
		errs = append(errs, err)
	}
	if sel.skip, err = compileFilter("--skip", f.Skip); err != nil {
		errs = append(errs, err)
	}
	if f.LabelFilter != "" {
		if sel.labels, err = types.ParseLabelFilter(f.LabelFilter); err != nil {
			errs = append(errs, fmt.Errorf("--label-filter %q: %s", f.LabelFilter, plainLabelFilterError(err)))
		}
	}
	return sel, errors.Join(errs...)
}

// selection returns what cfg selects, reading the --rerun-failed report.
func (cfg RunConfig) selection() (selection, error) {
	sel, err := selectionFlags{Focus: cfg.Focus, Skip: cfg.Skip, LabelFilter: cfg.LabelFilter}.parse()
	errs := []error{err}
	if sel.shard, err = parseShard(cfg.Shard); err != nil {
		errs = append(errs, err)
	}
	if cfg.RerunFailed != "" {
		sel.rerun, err = report.FailedInReport(cfg.RerunFailed)
		errs = append(errs, err)
	}
	return sel, errors.Join(errs...)
}

// plainLabelFilterError words Ginkgo's label filter error in one line of
// plain text: Ginkgo's own Error() is several lines with ANSI colour
// codes, which must not reach a pipe or a log.
func plainLabelFilterError(err error) string {
	var ge types.GinkgoError
	if !errors.As(err, &ge) {
		return ansiCode.ReplaceAllString(err.Error(), "")
	}
	where := ""
	lines := strings.Split(ge.Message, "\n")
	if i := strings.Index(lines[0], "{{red}}"); i >= 0 {
		where = fmt.Sprintf(" at column %d", len([]rune(lines[0][:i]))+1)
	}
	var text []string
	for _, l := range lines[1:] {
		if l = strings.TrimSpace(templateTag.ReplaceAllString(l, "")); l != "" {
			text = append(text, l)
		}
	}
	heading := strings.TrimSpace(ge.Heading)
	if heading == "" {
		heading = "Syntax error"
	}
	return strings.ToLower(heading) + where + ": " + strings.Join(text, " ")
}

var (
	ansiCode    = regexp.MustCompile("\x1b\\[[0-9;]*[A-Za-z]")
	templateTag = regexp.MustCompile(`\{\{[a-z/-]*\}\}`)
)

func compileFilter(flag, expr string) (*regexp.Regexp, error) {
	if expr == "" {
		return nil, nil
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, fmt.Errorf("%s %q: %w", flag, expr, err)
	}
	return re, nil
}

// apply returns the scenarios of scs the selection includes, in order.
// The shard is applied by the caller, over every plugin's scenarios.
func (sel selection) apply(scs []*scenario.Scenario) []*scenario.Scenario {
	var out []*scenario.Scenario
	for _, sc := range scs {
		if sel.includes(sc) {
			out = append(out, sc)
		}
	}
	return out
}

func (sel selection) includes(sc *scenario.Scenario) bool {
	switch {
	case sel.focus != nil && !matchesIDOrTitle(sel.focus, sc):
		return false
	case sel.skip != nil && matchesIDOrTitle(sel.skip, sc):
		return false
	case sel.labels != nil && !sel.labels(sc.Labels):
		return false
	case sel.rerun != nil && !sel.rerun[sc.ID]:
		return false
	}
	return sel.profile == "" || sc.Profile == sel.profile || sc.Profile == scenario.ProfileBoth
}

func matchesIDOrTitle(re *regexp.Regexp, sc *scenario.Scenario) bool {
	return re.MatchString(sc.ID) || re.MatchString(sc.Title)
}
