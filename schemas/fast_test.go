package schemas

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// The fast path must agree with the full validator whenever it is sure.
// These specs cross every frame, params and transcript entry of the corpus,
// and many mutations of each, with the schemas they dispatch to.
var _ = Describe("the fast path", func() {
	var r *registry

	BeforeEach(func() {
		var err error
		r, err = schemasOnce()
		Expect(err).NotTo(HaveOccurred())
	})

	It("exists for every frame and service schema", func() {
		for dir, frames := range r.frames {
			for typ, s := range frames {
				Expect(s.fast).NotTo(BeNil(), "%v %s", dir, typ)
			}
		}
		Expect(r.envelope.fast).NotTo(BeNil())
		for name, svc := range r.services {
			for op, s := range svc.params {
				Expect(s.fast).NotTo(BeNil(), "%s %s params", name, op)
			}
			for op, s := range svc.results {
				Expect(s.fast).NotTo(BeNil(), "%s %s result", name, op)
			}
		}
		Expect(r.documents[KindTranscript].fast).NotTo(BeNil())
	})

	It("leaves schemas with keywords it does not know to the full validator", func() {
		Expect(r.documents[KindManifest].fast).To(BeNil(), "the manifest uses uniqueItems and propertyNames")
	})

	It("is sure about every valid frame of the corpus", func() {
		for _, f := range corpusFrames("valid") {
			s := r.dispatch(f.dir, f.value)
			Expect(s.fast.check(f.value)).To(Equal(pass), "%v", f.value)
		}
	})

	It("never disagrees with the full validator", func() {
		checked := 0
		for _, f := range corpusFrames("valid", "invalid/plugin", "invalid/runtime") {
			for _, variant := range mutations(f.value) {
				for _, dir := range []Direction{FromPlugin, ToPlugin} {
					expectAgreement(r.dispatch(dir, variant), variant)
					checked++
				}
			}
			params, ok := serviceParams(r, f.value)
			if !ok {
				continue
			}
			for _, variant := range mutations(params) {
				expectAgreement(r.paramsSchema(asObject(f.value)["type"].(string), variant), variant)
				checked++
			}
		}
		for _, entry := range ndjson(filepath.Join("..", "fixtures", "frames", "transcripts", "handshake.ndjson")) {
			for _, variant := range mutations(entry) {
				expectAgreement(r.documents[KindTranscript], variant)
				checked++
			}
		}
		Expect(checked).To(BeNumerically(">", 10000))
	})
})

// expectAgreement fails when the fast path is sure and the full validator
// says otherwise.
func expectAgreement(s *compiled, instance any) {
	if s.fast == nil {
		return
	}
	full := s.full.Validate(instance) == nil
	switch s.fast.check(instance) {
	case pass:
		ExpectWithOffset(1, full).To(BeTrue(), "fast pass, full fail: %s %s", s.full.Location, show(instance))
	case fail:
		ExpectWithOffset(1, full).To(BeFalse(), "fast fail, full pass: %s %s", s.full.Location, show(instance))
	}
}

// dispatch returns the schema ValidateFrame uses for frame in dir.
func (r *registry) dispatch(dir Direction, frame any) *compiled {
	typ, ok := asObject(frame)["type"].(string)
	if !ok {
		return r.envelope
	}
	if s, ok := r.frames[dir][typ]; ok {
		return s
	}
	return r.fallback[dir]
}

// paramsSchema returns the schema ValidateParams uses for params of service.
func (r *registry) paramsSchema(service string, params any) *compiled {
	svc := r.services[service]
	if svc.ops == nil {
		return svc.params[""]
	}
	op, _ := asObject(params)["op"].(string)
	if s, ok := svc.params[op]; ok {
		return s
	}
	return svc.selector
}

func serviceParams(r *registry, frame any) (any, bool) {
	object := asObject(frame)
	typ, _ := object["type"].(string)
	params, ok := object["params"]
	return params, ok && r.services[typ] != nil
}

type corpusFrame struct {
	dir   Direction
	value any
}

// corpusFrames reads the frames of the given folders of fixtures/frames.
func corpusFrames(folders ...string) []corpusFrame {
	var frames []corpusFrame
	for _, folder := range folders {
		paths, err := filepath.Glob(filepath.Join("..", "fixtures", "frames", folder, "*"))
		Expect(err).NotTo(HaveOccurred())
		for _, path := range paths {
			dir := FromPlugin
			if strings.Contains(path, "runtime") {
				dir = ToPlugin
			}
			for _, v := range ndjson(path) {
				frames = append(frames, corpusFrame{dir: dir, value: v})
			}
		}
	}
	Expect(frames).NotTo(BeEmpty())
	return frames
}

// ndjson decodes every line of path, without an IPC: prefix.
func ndjson(path string) []any {
	data, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	var docs []any
	lines := bufio.NewScanner(bytes.NewReader(data))
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		v, err := Decode(bytes.TrimPrefix(lines.Bytes(), []byte("IPC:")))
		Expect(err).NotTo(HaveOccurred(), path)
		docs = append(docs, v)
	}
	return docs
}

// replacements are the values mutations put in place of each value.
var replacements = []any{
	nil, true, false, json.Number("0"), json.Number("-1"), json.Number("1"), json.Number("1.5"),
	json.Number("1e3"), json.Number("1000"), json.Number("100001"), json.Number("99999999999999999999"),
	"", "x", "a.*", "OK_CODE", strings.Repeat("é", 200), strings.Repeat("k", 1025),
	[]any{}, []any{"x"}, []any{map[string]any{}}, map[string]any{},
	map[string]any{"code": "X", "message": "m"},
}

// mutations returns v and every value made from it by deleting one member
// or replacing one value, at any depth, with each of replacements.
func mutations(v any) []any {
	variants := []any{v}
	variants = append(variants, replacements...)
	switch v := v.(type) {
	case map[string]any:
		for name, member := range v {
			variants = append(variants, without(v, name))
			for _, m := range mutations(member) {
				variants = append(variants, with(v, name, m))
			}
		}
	case []any:
		for i, item := range v {
			for _, m := range mutations(item) {
				c := append([]any(nil), v...)
				c[i] = m
				variants = append(variants, c)
			}
		}
	}
	return variants
}

func without(m map[string]any, name string) map[string]any {
	c := with(m, name, nil)
	delete(c, name)
	return c
}

func with(m map[string]any, name string, value any) map[string]any {
	c := make(map[string]any, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	c[name] = value
	return c
}

func show(v any) string {
	data, _ := json.Marshal(v)
	return string(data)
}
