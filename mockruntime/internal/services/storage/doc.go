// Package storage serves storage.file (CONFORMANCE.md §9.11) in each
// plugin's storage folder, <data dir>/files, through os.Root so that no
// path leads outside it (STOR-1), and stores client uploads under its
// uploads/ folder for the host's Plugin.Upload (§9.8, UPL-1).
//
// Every function is safe for concurrent use; concurrent calls on the same
// file see the file system's own ordering. The package imports
// mockruntime/service, mockruntime/clock, mockruntime/wire and
// internal/atomicfile; it must not import mockruntime or another service
// package.
package storage
