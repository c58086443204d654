// Package buildinfo says which conform this is: the version it was built
// at, the protocol version of the CONFORMANCE.md it embeds and a digest of
// the built-in suites it embeds. `conform version` prints them and every
// JSON report carries them, so a report names what judged the plugin.
//
// Everything here is computed once and safe for concurrent use.
package buildinfo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/suites"
)

// Info is the identity of this build of conform. A plain value; the JSON
// report's "conform" member (schemas/report.json).
type Info struct {
	// Version is the module version conform was built at (v1.2.0, or a
	// pseudo-version for a build from a git checkout), devel-REV[+dirty]
	// when the build knows only its VCS revision, or devel.
	Version string `json:"version"`
	// Protocol is the protocol version CONFORMANCE.md declares in its
	// "Version X.Y of the protocol." line.
	Protocol string `json:"protocol"`
	// SuitesDigest is "sha256:" and the hex SHA-256 of the built-in suites
	// (see Digest).
	SuitesDigest string `json:"suites_digest"`
}

// ShortDigest is the digest as `conform version` prints it: "sha256:"
// and the first 12 hex digits.
func (i Info) ShortDigest() string {
	const n = len("sha256:") + 12
	if len(i.SuitesDigest) < n {
		return i.SuitesDigest
	}
	return i.SuitesDigest[:n]
}

// Get returns this build's Info.
func Get() Info { return get() }

var get = sync.OnceValue(func() Info {
	info, _ := debug.ReadBuildInfo()
	return Info{Version: Version(info), Protocol: Protocol(conform.SpecText()), SuitesDigest: mustDigest(suites.FS)}
})

// Version returns the version of a build: the main module's version when
// the go command recorded one (go install ...@v1.2.0; go build in a git
// checkout records a pseudo-version, +dirty when the tree had changes),
// else devel-REV with the first 12 digits of the VCS revision and +dirty
// for a modified tree, else devel (no build information, or -buildvcs=false).
func Version(info *debug.BuildInfo) string {
	if info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "devel-" + rev
	if dirty {
		v += "+dirty"
	}
	return v
}

var protocolLine = regexp.MustCompile(`(?m)^Version (\d+\.\d+) of the protocol\.`)

// Protocol returns the protocol version a specification text declares on
// its "Version X.Y of the protocol." line, or "unknown" when it has none.
// It is the version a plugin's ready frame may name in "protocol".
func Protocol(spec string) string {
	if m := protocolLine.FindStringSubmatch(spec); m != nil {
		return m[1]
	}
	return "unknown"
}

// Digest returns "sha256:" and the hex SHA-256 of a listing of every
// regular file of fsys: one line per file in sorted path order, the hex
// SHA-256 of its content, two spaces, its path and a newline; the format
// sha256sum prints. From a shell, in suites/:
//
//	sha256sum *.json *.yaml | LC_ALL=C sort -k2 | sha256sum
func Digest(fsys fs.FS) (string, error) {
	var paths []string
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	var listing strings.Builder
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return "", err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&listing, "%s  %s\n", hex.EncodeToString(sum[:]), p)
	}
	sum := sha256.Sum256([]byte(listing.String()))
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// mustDigest digests the embedded suites, which cannot fail to read.
func mustDigest(fsys fs.FS) string {
	d, err := Digest(fsys)
	if err != nil {
		panic("buildinfo: reading the embedded suites: " + err.Error())
	}
	return d
}
