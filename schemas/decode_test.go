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
