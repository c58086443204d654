package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/conform-dev/conform/harness/internal/words"
	"github.com/conform-dev/conform/harness/result"
)

// The JUnit XML document: testsuites, one testsuite per plugin (plus one
// for baseline problems), one testcase per scenario.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Time       string           `xml:"time,attr"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
}

type junitProperties struct {
	List []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string `xml:"name,attr"`
	ClassName string `xml:"classname,attr"`
	Time      string `xml:"time,attr"`
	// File and Line are where a reader looks: the failing step's position,
	// or the scenario's when nothing failed (the attributes GitLab and
	// Jenkins read).
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// junitText is an element's text, kept verbatim in a CDATA section.
type junitText struct {
	Text string `xml:",cdata"`
}

// WriteJUnitReport writes o as JUnit XML to path. Every text in it goes
// through words.Line or words.Block, so a plugin's ANSI colour codes and
// control bytes cannot make the file ill-formed (XML 1.0 allows no C0
// control but tab, newline and carriage return); schemas/junit.xsd
// describes the document, and a test checks reports against it with
// xmllint.
func WriteJUnitReport(path string, o result.Outcome) error {
	data, err := xml.MarshalIndent(junitDocument(o), "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append([]byte(xml.Header), append(data, '\n')...), 0o644)
}

func junitDocument(o result.Outcome) junitSuites {
	doc := junitSuites{Name: "conform", Time: junitSeconds(o.Wall)}
	for _, p := range o.Plugins {
		doc.add(junitPluginSuite(p, o))
	}
	if len(o.BaselineProblems) > 0 {
		doc.add(junitBaselineSuite(o.BaselineProblems))
	}
	return doc
}

func (d *junitSuites) add(s junitSuite) {
	d.Suites = append(d.Suites, s)
	d.Tests += s.Tests
	d.Failures += s.Failures
	d.Errors += s.Errors
	d.Skipped += s.Skipped
}

func junitPluginSuite(p result.RunPlugin, o result.Outcome) junitSuite {
	s := junitSuite{Name: words.Line(pluginLabel(o.Plugins, p)), Properties: &junitProperties{List: []junitProperty{
		{"manifest", words.Line(p.Path)}, {"profile", words.Line(o.Profile)},
	}}}
	for _, c := range Causes(o.Results, o.Strict) {
		if c.Plugin == p.Path {
			s.Properties.List = append(s.Properties.List, junitProperty{"cause", words.Line(c.line(false) + ": " + strings.Join(c.Scenarios, " "))})
		}
	}
	var total time.Duration
	for _, r := range o.Results {
		if r.Plugin != p.Path {
			continue
		}
		s.addCase(junitTestCase(r, o.Strict))
		total += r.Duration
	}
	s.Time = junitSeconds(total)
	return s
}

func (s *junitSuite) addCase(c junitCase) {
	s.Cases = append(s.Cases, c)
	s.Tests++
	switch {
	case c.Failure != nil:
		s.Failures++
	case c.Error != nil:
		s.Errors++
	case c.Skipped != nil:
		s.Skipped++
	}
}

func junitTestCase(r result.Result, strict bool) junitCase {
	at := r.Source
	if r.Failure != nil && r.Failure.Source.File != "" {
		at = r.Failure.Source
	}
	c := junitCase{
		Name: words.Line(r.ScenarioID), ClassName: words.Line(r.Source.File), Time: junitSeconds(r.Duration),
		File: words.Line(at.File), Line: at.Line,
	}
	switch r.Verdict {
	case result.Fail:
		if result.FailsRun(r, strict) {
			c.Failure = junitProblemOf(failureMessage(r), failureRule(r), detailsText(r, strict))
		} else {
			c.SystemOut = &junitText{Text: detailsText(r, strict)}
		}
	case result.Error:
		c.Error = junitProblemOf(failureMessage(r), "error", detailsText(r, strict))
	case result.UnexpectedPass:
		c.Failure = junitProblemOf("passed, but the baseline expects a failure: "+r.Baseline, "xpass", "")
	case result.ExpectedFail:
		c.Skipped = junitProblemOf("expected failure (baseline): "+r.Baseline, "", detailsText(r, strict))
	case result.Skip:
		c.Skipped = junitProblemOf(r.SkipReason, "", "")
	}
	return c
}

// junitProblemOf is a failure, error or skipped element; text is already
// safe (detailsText).
func junitProblemOf(message, typ, text string) *junitProblem {
	return &junitProblem{Message: words.Line(message), Type: words.Line(typ), Text: text}
}

func junitBaselineSuite(problems []result.BaselineProblem) junitSuite {
	s := junitSuite{Name: "baseline", Time: junitSeconds(0)}
	for _, p := range problems {
		s.addCase(junitCase{
			Name: words.Line(fmt.Sprintf("%s:%d", p.Path, p.Line)), ClassName: words.Line(p.Path), Time: junitSeconds(0),
			File: words.Line(p.Path), Line: p.Line,
			Failure: junitProblemOf(p.String(), "baseline", ""),
		})
	}
	return s
}

// failureMessage is the one line a failure is known by: "[RULE] message".
func failureMessage(r result.Result) string {
	if r.Failure == nil {
		return string(r.Verdict)
	}
	return strings.TrimSpace(ruleSuffix(r) + " " + r.Failure.Message)
}

func failureRule(r result.Result) string {
	if r.Failure == nil {
		return ""
	}
	return r.Failure.Rule
}

// detailsText is the console's details of r, as plain text for a report:
// ANSI sequences removed, other control characters escaped (words.Line).
func detailsText(r result.Result, strict bool) string {
	var b bytes.Buffer
	writeDetails(&b, r, false, strict, words.Line)
	return b.String()
}

func junitSeconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}
