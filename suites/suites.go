// Package suites holds the built-in scenario files of conform, embedded in
// the binary. They are data: YAML files an SDK author can read without
// knowing Go.
package suites

import "embed"

// FS holds every built-in scenario file, at its root ("handshake.yaml").
// It is read-only and safe for concurrent use. Scenarios are YAML, except
// where a number must reach the testee in the form it was written (YAML
// rewrites 1e4 as 10000): those files are JSON.
//
//go:embed *.yaml *.json
var FS embed.FS
