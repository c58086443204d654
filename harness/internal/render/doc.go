// Package render formats evidence for failure messages: transcript
// entries, short JSON, truncated text, the last stderr lines of a plugin.
// Pure functions, safe for concurrent use. It may import mockruntime; it
// must not import any harness package.
package render
