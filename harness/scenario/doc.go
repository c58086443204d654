// Package scenario is what a scenario is: the model types (Scenario, Step,
// RuntimeConfig), the step argument types every step kind shares
// (Duration, UserArg, ParseContext), loading from YAML, JSON and embedded
// file systems with errors that name file, line and JSON pointer, and the
// variables a scenario's steps define and use (Vars).
//
// Loading parses each step's arguments through the parser its kind
// registered with RegisterStepParser; package steps registers every kind
// from its init, so load through a program that imports steps (package
// harness does). Loading functions are safe for concurrent use once
// initialisation is done; RegisterStepParser is for init only. A loaded
// Scenario is read-only. A Vars belongs to one running scenario and is
// not safe for concurrent use.
//
// It may import result, internal/render, internal/inputfile, mockruntime (for the types it
// names), schemas and the conform package (the rules). It must not import engine, steps, plan, report,
// baseline, validate, selftest or the root harness package.
package scenario
