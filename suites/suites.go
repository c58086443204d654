// Package suites holds the built-in scenario files of conform, embedded in
// the binary. They are data: YAML files an SDK author can read without
// knowing Go.
package suites

import "embed"

// FS holds every built-in scenario file, at its root ("handshake.yaml").
// It is read-only and safe for concurrent use.
//
//go:embed *.yaml
var FS embed.FS
