package schemas

import "embed"

// files holds every schema document, addressed by its path below this
// package's folder (for example "plugin/pong.json").
//
//go:embed *.json plugin/*.json runtime/*.json service/*.json
var files embed.FS

// baseURL is the $id prefix of every embedded document; a document's $id is
// baseURL followed by its path in files.
const baseURL = "https://conform.dev/schemas/"
