package jsonpos_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/internal/jsonpos"
)

func TestJSONPos(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "jsonpos")
}

var doc = []byte("{\n  \"slug\": \"x\",\n  \"settings\": [\n    {\"key\": \"a\"},\n    {\n      \"key\": \"b\",\n      \"default\": 3\n    }\n  ]\n}\n")

var _ = DescribeTable("Line",
	func(pointer string, want int) {
		Expect(jsonpos.Line(doc, pointer)).To(Equal(want))
	},
	Entry("the root", "", 1),
	Entry("a member", "/slug", 2),
	Entry("an array", "/settings", 3),
	Entry("an element on its own line", "/settings/0", 4),
	Entry("a nested member", "/settings/1/default", 7),
	Entry("a missing member is reported at its object", "/settings/1/missing", 5),
	Entry("a missing top-level member is reported at the root", "/nope", 1),
	Entry("a missing element is reported at its array", "/settings/9", 3),
)

var _ = It("returns 0 for text that is not JSON", func() {
	Expect(jsonpos.Line([]byte("not json"), "/a")).To(Equal(0))
})
