package mockruntime_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("http.fetch (HTTP-1, HTTP-2)", func() {
	var w *world
	BeforeEach(func() { w = newWorld(optsZero()) })

	It("answers with the host's canned response, an error status included", func() {
		p := w.testee([]string{"http.fetch:api.example.com"}, nil)
		Expect(w.rt.SetFetchResponse("", "https://api.example.com/v1/items", mockruntime.FetchResponse{
			Status: 200, Headers: map[string]string{"content-type": "application/json"}, Body: `[]`,
		})).To(Succeed())
		Expect(w.rt.SetFetchResponse("POST", "https://api.example.com/v1/items", mockruntime.FetchResponse{Status: 409, Body: "taken"})).To(Succeed())

		Expect(resultOf(call(p, "fetch", map[string]any{"url": "https://api.example.com/v1/items"}))).To(Equal(map[string]any{
			"status": 200.0, "headers": map[string]any{"content-type": "application/json"}, "body": "[]",
		}))
		Expect(resultOf(call(p, "fetch", map[string]any{"url": "https://api.example.com/v1/items", "method": "POST", "body": "{}"}))).To(Equal(map[string]any{
			"status": 409.0, "headers": map[string]any{}, "body": "taken",
		}))
		Expect(w.rt.Fetches()).To(ConsistOf(
			mockruntime.FetchRequest{Plugin: "testee", Method: "GET", URL: "https://api.example.com/v1/items"},
			mockruntime.FetchRequest{Plugin: "testee", Method: "POST", URL: "https://api.example.com/v1/items", Body: "{}"},
		))
	})

	It("answers NETWORK_ERROR for a URL the host gave no answer for (HTTP-2)", func() {
		p := w.testee([]string{"http.fetch:api.example.com"}, nil)
		Expect(call(p, "fetch", map[string]any{"url": "http://api.example.com/nothing"})).To(match.HaveErrorCode("NETWORK_ERROR"))
	})

	It("refuses a host the manifest does not declare, and nothing leaves (HTTP-1)", func() {
		p := w.testee([]string{"http.fetch:api.example.com"}, nil)
		Expect(w.rt.SetFetchResponse("GET", "https://evil.example.net/", mockruntime.FetchResponse{Status: 200})).To(Succeed())
		Expect(call(p, "fetch", map[string]any{"url": "https://evil.example.net/"})).To(match.HaveErrorCode("PERMISSION_DENIED"))
		Expect(p.CapabilityReport().Denied).To(ConsistOf(HaveField("Capability", "http.fetch:evil.example.net")))
		Expect(w.rt.Fetches()).To(BeEmpty())
	})

	It("lets http.fetch:*.<domain> cover subdomains but not the domain itself", func() {
		p := w.testee([]string{"http.fetch:*.example.com"}, nil)
		Expect(w.rt.SetFetchResponse("GET", "https://a.b.example.com/", mockruntime.FetchResponse{Status: 204})).To(Succeed())
		Expect(resultOf(call(p, "fetch", map[string]any{"url": "https://a.b.example.com/"}))).To(HaveKeyWithValue("status", 204.0))
		Expect(call(p, "fetch", map[string]any{"url": "https://example.com/"})).To(match.HaveErrorCode("PERMISSION_DENIED"))
	})

	It("refuses a URL that is not http or https, or has no host, with INVALID_PARAMS", func() {
		p := w.testee([]string{"http.fetch:api.example.com"}, nil)
		Expect(call(p, "fetch", map[string]any{"url": "ftp://api.example.com/"})).To(match.HaveErrorCode("INVALID_PARAMS"))
		Expect(call(p, "fetch", map[string]any{"url": "http://[::1"})).To(match.HaveErrorCode("INVALID_PARAMS"))
		Expect(call(p, "fetch", map[string]any{"url": "http://:8080/"})).To(match.HaveErrorCode("INVALID_PARAMS"))
		Expect(w.rt.Fetches()).To(BeEmpty())
	})

	It("refuses a canned answer whose status is not an HTTP status", func() {
		Expect(w.rt.SetFetchResponse("GET", "https://x.example.com/", mockruntime.FetchResponse{Status: 42})).To(match.HaveErrorCode("INVALID_PARAMS"))
	})
})
