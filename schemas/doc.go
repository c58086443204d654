// Package schemas holds the JSON Schemas (draft 2020-12) of the plugin IPC
// protocol, embedded, and read-only validators compiled from them.
//
// The .json files beside this package are the machine-readable form of
// CONFORMANCE.md: plugin/<type>.json and runtime/<type>.json describe the
// frames of each direction, service/<type>.json the params and results of
// each service call, manifest.json and transcript.json the documents. Frames
// are dispatched on their "type" to one schema; nothing here tries every
// schema in turn.
//
// Three custom keywords annotate the schemas:
//
//   - x-rule names the CONFORMANCE.md rule a failure breaks; an error carries
//     the x-rule nearest to the failing keyword on its schema path.
//   - x-message replaces the validator's wording for failures beneath it.
//   - x-maxBytes bounds a string's length in bytes (maxLength counts
//     characters).
//
// Every schema is compiled once, on first use, and is then shared read-only:
// every function of this package is safe for concurrent use.
package schemas
