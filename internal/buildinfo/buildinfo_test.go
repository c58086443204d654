package buildinfo_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	conform "github.com/conform-dev/conform"
	"github.com/conform-dev/conform/internal/buildinfo"
)

func TestBuildinfo(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "buildinfo")
}

func build(version string, settings ...string) *debug.BuildInfo {
	info := &debug.BuildInfo{Main: debug.Module{Path: "github.com/conform-dev/conform", Version: version}}
	for i := 0; i+1 < len(settings); i += 2 {
		info.Settings = append(info.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
	}
	return info
}

var _ = DescribeTable("Version",
	func(info *debug.BuildInfo, want string) {
		Expect(buildinfo.Version(info)).To(Equal(want))
	},
	Entry("go install ...@v1.2.0", build("v1.2.0"), "v1.2.0"),
	Entry("go build in a git checkout records a pseudo-version", build("v0.0.0-20261203084504-a0bf45d5a6ae+dirty", "vcs.revision", "a0bf45d5a6ae6ee0ad8d7da092a39726e1b3637f"), "v0.0.0-20261203084504-a0bf45d5a6ae+dirty"),
	Entry("a source build that knows only its revision", build("(devel)", "vcs.revision", "a0bf45d5a6ae6ee0ad8d7da092a39726e1b3637f", "vcs.modified", "false"), "devel-a0bf45d5a6ae"),
	Entry("the same from a modified tree", build("(devel)", "vcs.revision", "a0bf45d5a6ae6ee0ad8d7da092a39726e1b3637f", "vcs.modified", "true"), "devel-a0bf45d5a6ae+dirty"),
	Entry("a source build without VCS information", build("(devel)", "-buildmode", "exe"), "devel"),
	Entry("a test binary", build(""), "devel"),
	Entry("no build information", nil, "devel"),
)

var _ = Describe("Protocol", func() {
	It("is the version CONFORMANCE.md declares, the one the reference SDKs' ready frame names", func() {
		Expect(buildinfo.Protocol(conform.SpecText())).To(Equal("1.0"))
		gosdk, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "gosdk", "frames.go"))
		Expect(err).NotTo(HaveOccurred())
		Expect(string(gosdk)).To(ContainSubstring(`Protocol: "` + buildinfo.Get().Protocol + `"`))
	})

	It("is unknown for a text without the version line", func() {
		Expect(buildinfo.Protocol("# a spec\n\nVersion one of the protocol.\n")).To(Equal("unknown"))
		Expect(buildinfo.Protocol("see Version 2.0 of the protocol.\n")).To(Equal("unknown"))
	})
})

var _ = Describe("Digest", func() {
	It("is the sha256sum of the sha256sum listing of the files in path order", func() {
		got, err := buildinfo.Digest(fstest.MapFS{
			"b.yaml":     {Data: []byte("b\n")},
			"a.json":     {Data: []byte("a\n")},
			"sub/c.yaml": {Data: []byte("c\n")},
		})
		Expect(err).NotTo(HaveOccurred())
		// printf 'a\n' | sha256sum and so on, listed as sha256sum prints them
		listing := fmt.Sprintf("%s  a.json\n%s  b.yaml\n%s  sub/c.yaml\n", hexSum("a\n"), hexSum("b\n"), hexSum("c\n"))
		Expect(got).To(Equal("sha256:" + hexSum(listing)))
	})

	It("changes when one byte of one file changes", func() {
		a, _ := buildinfo.Digest(fstest.MapFS{"a.yaml": {Data: []byte("x: 1\n")}})
		b, _ := buildinfo.Digest(fstest.MapFS{"a.yaml": {Data: []byte("x: 2\n")}})
		c, _ := buildinfo.Digest(fstest.MapFS{"b.yaml": {Data: []byte("x: 1\n")}})
		Expect(a).NotTo(Equal(b))
		Expect(a).NotTo(Equal(c), "a rename changes the digest")
	})

	It("of this build covers every scenario file in suites/, as on disk", func() {
		dir := filepath.Join("..", "..", "suites")
		entries, err := os.ReadDir(dir)
		Expect(err).NotTo(HaveOccurred())
		var names []string
		for _, e := range entries {
			if ext := filepath.Ext(e.Name()); ext == ".yaml" || ext == ".json" {
				names = append(names, e.Name())
			}
		}
		Expect(names).NotTo(BeEmpty())
		sort.Strings(names)
		var listing strings.Builder
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(dir, n))
			Expect(err).NotTo(HaveOccurred())
			fmt.Fprintf(&listing, "%s  %s\n", hexSum(string(data)), n)
		}
		info := buildinfo.Get()
		Expect(info.SuitesDigest).To(Equal("sha256:" + hexSum(listing.String())))
		Expect(info.ShortDigest()).To(MatchRegexp(`^sha256:[0-9a-f]{12}$`))
		Expect(info.SuitesDigest).To(HavePrefix(info.ShortDigest()))
	})
})

func hexSum(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
