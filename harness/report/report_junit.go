package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"github.com/conform-dev/conform/harness/result"
	"os"
	"strings"
	"time"
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
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
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

// writeJUnitReport writes o as JUnit XML to path.
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
	s := junitSuite{Name: p.Slug, Properties: &junitProperties{List: []junitProperty{{"manifest", p.Path}, {"profile", o.Profile}}}}
	for _, c := range Causes(o.Results, o.Strict) {
		if c.Plugin == p.Path {
			s.Properties.List = append(s.Properties.List, junitProperty{"cause", c.line(false) + ": " + strings.Join(c.Scenarios, " ")})
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
	c := junitCase{Name: r.ScenarioID, ClassName: r.Source.File, Time: junitSeconds(r.Duration)}
	switch r.Verdict {
	case result.Fail:
		if result.FailsRun(r, strict) {
			c.Failure = &junitProblem{Message: failureMessage(r), Type: failureRule(r), Text: detailsText(r, strict)}
		} else {
			c.SystemOut = &junitText{Text: detailsText(r, strict)}
		}
	case result.Error:
		c.Error = &junitProblem{Message: failureMessage(r), Type: "error", Text: detailsText(r, strict)}
	case result.UnexpectedPass:
		c.Failure = &junitProblem{Message: "passed, but the baseline expects a failure: " + r.Baseline, Type: "xpass"}
	case result.ExpectedFail:
		c.Skipped = &junitProblem{Message: "expected failure (baseline): " + r.Baseline, Text: detailsText(r, strict)}
	case result.Skip:
		c.Skipped = &junitProblem{Message: r.SkipReason}
	}
	return c
}

func junitBaselineSuite(problems []result.BaselineProblem) junitSuite {
	s := junitSuite{Name: "baseline", Time: junitSeconds(0)}
	for _, p := range problems {
		s.addCase(junitCase{
			Name: fmt.Sprintf("%s:%d", p.Path, p.Line), ClassName: p.Path, Time: junitSeconds(0),
			Failure: &junitProblem{Message: p.String(), Type: "baseline"},
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

// detailsText is the console's details of r, as plain text.
func detailsText(r result.Result, strict bool) string {
	var b bytes.Buffer
	WriteDetails(&b, r, false, strict)
	return b.String()
}

func junitSeconds(d time.Duration) string {
	return fmt.Sprintf("%.3f", d.Seconds())
}
