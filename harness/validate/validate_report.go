package validate

import (
	"errors"
	"fmt"
	"io"

	"github.com/conform-dev/conform/schemas"
)

// tally counts what validate found.
type tally struct {
	documents, invalid, usageErrors int
}

func (t *tally) add(o tally) {
	t.documents += o.documents
	t.invalid += o.invalid
	t.usageErrors += o.usageErrors
}

// exitCode is 2 after any usage error, else 1 after any invalid document,
// else 0.
func (t tally) exitCode() int {
	switch {
	case t.usageErrors > 0:
		return validateExitUsage
	case t.invalid > 0:
		return validateExitInvalid
	}
	return validateExitValid
}

// fileReport checks the documents of one file and reports on them.
type fileReport struct {
	name           string
	stdout, stderr io.Writer
	tally
}

// report prints the outcome of one document's check, if it failed, on the
// line of the value the failure is about.
func (f *fileReport) report(doc Document, err error) {
	if err == nil {
		return
	}
	var invalid *schemas.Error
	var issue *Issue
	switch {
	case errors.As(err, &invalid):
		fmt.Fprintf(f.stdout, "%s:%d: %v\n", f.name, doc.lineOf(invalid.Pointer), err)
		f.invalid++
		return
	case errors.As(err, &issue):
		fmt.Fprintf(f.stdout, "%s:%d: %v\n", f.name, doc.lineOf(issue.Pointer), err)
		f.invalid++
		return
	}
	fmt.Fprintf(f.stderr, "%s:%d: cannot check: %v\n", f.name, doc.Line, err)
	f.usageErrors++
}
