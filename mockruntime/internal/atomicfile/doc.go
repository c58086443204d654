// Package atomicfile writes files so that readers only ever see them
// whole: the data goes to a temporary file, flushed to disk, which the
// caller then renames or links into place (SET-4, UPL-1).
//
// WriteTemp is safe for concurrent use. The package imports only the
// standard library and must not import any package of this module.
package atomicfile
