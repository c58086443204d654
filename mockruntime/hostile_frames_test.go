package mockruntime_test

import (
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/manifest"
	"github.com/conform-dev/conform/mockruntime/match"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("frames and manifests that decoders could read two ways", func() {
	It("records a frame with a member name twice as FRAME-19, never reading it as either", func() {
		w := newWorld(optsZero())
		p := w.fake("hostile-frames", "resources.read")
		w.ready(p)
		Eventually(func() []string { return sentIDs(w.rt) }).Should(ContainElement("probe"))
		t := w.rt.Transcript()
		Expect(t).To(match.HaveViolation("FRAME-19"))
		var dup []mockruntime.Entry
		for _, e := range t.Entries() {
			if e.Kind == mockruntime.KindDecision && e.Rule == "FRAME-19" {
				dup = append(dup, e)
			}
		}
		Expect(dup).To(ConsistOf(HaveField("Data", HaveKeyWithValue("pointer", "/type"))))
		Expect(dup[0].Detail).To(ContainSubstring(`"type" appears twice`))
		// A pong is not a ready: the plugin is served as it was.
		Expect(p.State()).To(Equal(mockruntime.Running))
	})

	It("never echoes an id over the id length limit (ENV-2, FRAME-23)", func() {
		w := newWorld(optsZero())
		p := w.fake("hostile-frames", "resources.read")
		w.ready(p)
		Eventually(func() []string { return sentIDs(w.rt) }).Should(ContainElement("probe"))
		Expect(w.rt.Transcript()).To(match.HaveViolation("ENV-2"))
		for _, id := range sentIDs(w.rt) {
			Expect(len(id)).To(BeNumerically("<=", wire.MaxIDBytes))
		}
	})

	It("refuses a manifest with a member name twice (MAN-7), naming the member and its line", func() {
		dir := GinkgoT().TempDir()
		path := filepath.Join(dir, "manifest.json")
		Expect(os.WriteFile(path, []byte("{\n  \"slug\": \"one\",\n  \"version\": \"1.0.0\",\n  \"slug\": \"two\",\n  \"backend\": {\"command\": [\"x\"]}\n}\n"), 0o644)).To(Succeed())
		_, err := manifest.Load(path, nil)
		var me *manifest.Error
		Expect(err).To(BeAssignableToTypeOf(me))
		me = err.(*manifest.Error)
		Expect(me.Rule).To(Equal("MAN-7"))
		Expect(me.Pointer).To(Equal("/slug"))
		Expect(me.Line).To(BeNumerically(">", 0))
		Expect(me.Error()).To(ContainSubstring(`"slug" appears twice`))
	})
})

// sentIDs returns the id of every frame the runtime sent.
func sentIDs(rt *mockruntime.Runtime) []string {
	var ids []string
	for _, e := range rt.Transcript().Entries() {
		if e.Kind == mockruntime.KindFrame && e.Dir == mockruntime.DirOut && e.FrameID() != "" {
			ids = append(ids, e.FrameID())
		}
	}
	return ids
}
