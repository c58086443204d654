package harness

import "github.com/conform-dev/conform/internal/buildinfo"

// BuildInfo is which conform this is: its version, the protocol version of
// the CONFORMANCE.md it embeds and the digest of its built-in suites. Every
// JSON report carries it as "conform".
type BuildInfo = buildinfo.Info

// Build returns this build's BuildInfo. Safe for concurrent use.
func Build() BuildInfo { return buildinfo.Get() }
