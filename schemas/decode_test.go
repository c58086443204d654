package schemas_test

import (
	"encoding/json"
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/schemas"
)

var _ = Describe("Decode", func() {
	It("keeps numbers exact", func() {
		v, err := schemas.Decode([]byte(` {"n": 12345678901234567890, "f": 0.1} `))
		Expect(err).NotTo(HaveOccurred())
		Expect(v).To(Equal(map[string]any{"n": json.Number("12345678901234567890"), "f": json.Number("0.1")}))
	})

	It("decodes any JSON value, not only objects", func() {
		Expect(schemas.Decode([]byte(`[1,"a"]`))).To(Equal([]any{json.Number("1"), "a"}))
		Expect(schemas.Decode([]byte(`null`))).To(BeNil())
	})

	DescribeTable("refuses what is not exactly one JSON document",
		func(text string, detail string) {
			_, err := schemas.Decode([]byte(text))
			Expect(err).To(MatchError(schemas.ErrNotJSON))
			Expect(err.Error()).To(ContainSubstring(detail))
		},
		Entry("trailing data", `{"type":"ready"} {"type":"ready"}`, "data after the document"),
		Entry("trailing garbage", `{"type":"ready"}x`, "data after the document"),
		Entry("nothing", "  \n", "empty input"),
		Entry("invalid UTF-8", "{\"type\":\"\xff\"}", "invalid UTF-8"),
		Entry("a syntax error", `{"type":}`, "invalid character"),
		Entry("a truncated document", `{"type":"ready"`, "unexpected EOF"),
	)

	It("keeps encoding/json's syntax error, with its offset", func() {
		_, err := schemas.Decode([]byte("{\n  \"a\": ?\n}"))
		var syntax *json.SyntaxError
		Expect(errors.As(err, &syntax)).To(BeTrue())
		Expect(syntax.Offset).To(BeNumerically("==", 10))
	})
})

var _ = Describe("Decode and duplicate member names (FRAME-19, MAN-7)", func() {
	DescribeTable("refuses an object with a name twice, naming where",
		func(text, pointer, name string) {
			_, err := schemas.Decode([]byte(text))
			var dup *schemas.DuplicateKeyError
			Expect(errors.As(err, &dup)).To(BeTrue(), text)
			Expect(err).To(MatchError(schemas.ErrNotJSON))
			Expect(dup.Pointer).To(Equal(pointer))
			Expect(dup.Name).To(Equal(name))
		},
		Entry("at the top", `{"type":"pong","type":"ready"}`, "/type", "type"),
		Entry("spelled with an escape", `{"type":"pong","t\u0079pe":"ready"}`, "/type", "type"),
		Entry("nested in an array", `{"a":[1,{"x":1,"y":2,"x":3}]}`, "/a/1/x", "x"),
		Entry("in a large object", `{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"c":11}`, "/c", "c"),
		Entry("with a pointer to escape", `{"a/b":{"k":{},"k":[]}}`, "/a~1b/k", "k"),
	)

	It("accepts the same name in different objects, and names that only look alike", func() {
		for _, text := range []string{
			`{"a":{"a":1},"b":{"a":2}}`, `[{"a":1},{"a":1}]`, `{"a":"\"a\"","b":"a","c":{"\\":1,"\"":2}}`,
			`{"a":1,"A":2,"a ":3}`, `{}`, `{"s":"}{,\"x\":1,\"x\":2"}`,
		} {
			_, err := schemas.Decode([]byte(text))
			Expect(err).NotTo(HaveOccurred(), text)
		}
	})
})
