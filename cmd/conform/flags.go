package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// commandFlags is the flag set of one command and what its usage says.
type commandFlags struct {
	*flag.FlagSet
	// synopsis is the command line, as "conform validate [flags] FILE...".
	synopsis string
	// about explains the command in a few lines.
	about string
}

// newCommandFlags returns an empty flag set for the command name. Parse
// errors are reported by parse, not by the flag package.
func newCommandFlags(name, synopsis, about string) *commandFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &commandFlags{FlagSet: fs, synopsis: synopsis, about: about}
}

// parse parses args, where flags may come before, between or after the
// positional arguments, and "--" ends the flags. It returns the positional
// arguments, or ok false with the exit code after printing the usage: on
// stdout for -h or --help, on stderr with the error for anything else.
func (f *commandFlags) parse(args []string, stdout, stderr io.Writer) (positional []string, code int, ok bool) {
	positional, err := f.parseInterspersed(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		f.printUsage(stdout)
		return nil, exitOK, false
	case err != nil:
		return nil, flagError(f, stderr, err.Error()), false
	}
	return positional, exitOK, true
}

func (f *commandFlags) parseInterspersed(args []string) ([]string, error) {
	var positional []string
	for {
		if err := f.Parse(args); err != nil {
			return nil, err
		}
		rest := f.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// printUsage writes the synopsis, the explanation and every flag to w.
func (f *commandFlags) printUsage(w io.Writer) {
	fmt.Fprintf(w, "Usage:\n  %s\n\n%s\n", f.synopsis, strings.TrimSpace(f.about))
	first := true
	f.VisitAll(func(fl *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nFlags:\n")
			first = false
		}
		fmt.Fprintf(w, "  --%s\n    \t%s", fl.Name, fl.Usage)
		if fl.DefValue != "" {
			fmt.Fprintf(w, " (default %s)", fl.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// flagError explains a bad invocation of the command on stderr, followed by
// its usage, and returns the usage exit code.
func flagError(f *commandFlags, stderr io.Writer, message string) int {
	fmt.Fprintf(stderr, "conform %s: %s\n\n", f.Name(), message)
	f.printUsage(stderr)
	return exitUsage
}
