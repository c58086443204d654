package mockruntime

import "github.com/conform-dev/conform/mockruntime/manifest"

// The manifest types live in package manifest; these names keep the ones
// the runtime has always exported.
type (
	// Manifest describes a plugin (CONFORMANCE.md §7).
	Manifest = manifest.Manifest
	// PublishedTable is one table of public_schema (MAN-6).
	PublishedTable = manifest.PublishedTable
	// Setting is one admin-configurable value (MAN-5).
	Setting = manifest.Setting
	// Backend says how to build and start the plugin process (MAN-4).
	Backend = manifest.Backend
	// Build is the optional build step run once before the first start.
	Build = manifest.Build
	// ManifestError is a manifest that cannot be loaded.
	ManifestError = manifest.Error
	// ManifestIssue is a rule a manifest breaks that its schema cannot
	// express.
	ManifestIssue = manifest.Issue
)

// ManifestFile is the name of a plugin's manifest inside its folder.
const ManifestFile = manifest.File

// LoadManifest reads a manifest from path, the manifest file or the plugin
// folder holding it, applying overrides as a JSON merge patch (TST-3); see
// manifest.Load.
func LoadManifest(path string, overrides map[string]any) (*Manifest, error) {
	return manifest.Load(path, overrides)
}

// ParseManifest is LoadManifest for bytes already read from path.
func ParseManifest(path string, data []byte, overrides map[string]any) (*Manifest, error) {
	return manifest.Parse(path, data, overrides)
}

// CheckManifest returns what a schema-valid decoded manifest breaks beyond
// its schema (MAN-5, MAN-8); see manifest.Check.
func CheckManifest(m map[string]any) []*ManifestIssue { return manifest.Check(m) }

// MergePatch applies a JSON merge patch (RFC 7386) to doc and returns the
// result; doc is not modified.
func MergePatch(doc any, patch any) any { return manifest.MergePatch(doc, patch) }
