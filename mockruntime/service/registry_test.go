package service_test

import (
	"context"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/service"
)

func answering(v any) service.Handler {
	return func(context.Context, *service.Call) (any, error) { return v, nil }
}

var _ = Describe("Registry", func() {
	topicCapability := func(c *service.Call) string { return "events.publish:" + service.StringParam(c.Params, "topic") }
	call := &service.Call{Params: map[string]any{"topic": "gb.entry"}}

	It("looks services up by name", func() {
		r := service.NewRegistry(service.New("a.one", nil, answering(1)), service.New("a.two", service.Fixed("cap.two"), answering(2)))
		Expect(r.Names()).To(Equal([]string{"a.one", "a.two"}))
		s, ok := r.Lookup("a.two")
		Expect(ok).To(BeTrue())
		Expect(s.Capability(call)).To(Equal("cap.two"))
		Expect(s.Serve(context.Background(), call)).To(Equal(2))
		_, ok = r.Lookup("a.three")
		Expect(ok).To(BeFalse())
	})

	It("serves a replacement with the capability of the first registration (CAP-1)", func() {
		r := service.NewRegistry(service.New("events.publish", topicCapability, answering("built-in")))
		r.Register(service.New("events.publish", nil, answering("replaced")))
		s, _ := r.Lookup("events.publish")
		Expect(s.Serve(context.Background(), call)).To(Equal("replaced"))
		Expect(s.Capability(call)).To(Equal("events.publish:gb.entry"), "a replacement needing nothing still needs the built-in's capability")

		r.Register(service.New("events.publish", service.Fixed(""), answering("again")))
		s, _ = r.Lookup("events.publish")
		Expect(s.Capability(call)).To(Equal("events.publish:gb.entry"))
	})

	It("adds a service under a new name with its own capability", func() {
		r := service.NewRegistry()
		r.Register(service.New("example.echo", service.Fixed("broadcast.clients"), answering(nil)))
		s, ok := r.Lookup("example.echo")
		Expect(ok).To(BeTrue())
		Expect(s.Capability(call)).To(Equal("broadcast.clients"))
	})
})
