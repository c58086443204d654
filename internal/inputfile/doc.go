// Package inputfile reads the files people hand conform — manifests,
// scenario files, baselines, reports, transcripts, `validate` inputs and
// the settings store — as regular files of bounded size: a named pipe, a
// device (a link to /dev/zero), a socket or a folder is refused before it
// is read, and a file over its kind's cap is refused without reading more
// than the cap and one byte.
//
// It owns the caps (ManifestLimit and the others) and the two refusals,
// *NotRegularError and *TooLargeError. It imports nothing of ours, so
// every package of the module may use it. Every function is safe for
// concurrent use.
package inputfile
