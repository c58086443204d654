// Package manifest reads and checks plugin manifests (CONFORMANCE.md §7):
// the Manifest type and its parts, Load and Parse (a JSON merge patch of
// overrides applied, then the schema and the rules a schema cannot
// express), and Check for those rules alone.
//
// The package mockruntime re-exports every name of it under its old one
// (Manifest, LoadManifest, ManifestError, ...); services read the manifest
// of the calling plugin from here without importing the runtime.
//
// # Concurrency
//
// Every function is safe for concurrent use. A *Manifest is read-only once
// loaded and may be shared.
//
// # Imports
//
// schemas, internal/jsonpos and internal/inputfile only. It must not import
// mockruntime or any of its other packages.
package manifest
