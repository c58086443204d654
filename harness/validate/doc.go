// Package validate checks documents and frames against the schemas and
// the rules that a schema cannot say: scenario files, manifests, JSON
// reports, baselines and transcripts (the `conform validate` command),
// reporting each issue with file, line, JSON pointer and rule ID.
//
// Validate and the checkers it builds are safe for concurrent use on
// different inputs; a transcript checker belongs to one goroutine.
//
// It may import scenario, baseline, internal/words, mockruntime (for its
// wire and transcript types), internal/jsonpos, internal/inputfile and
// schemas. It must not
// import engine, steps, plan, selftest or the root harness package.
package validate
