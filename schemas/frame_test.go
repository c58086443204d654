package schemas_test

import (
	"errors"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/schemas"
)

var _ = Describe("ValidateFrame", func() {
	It("accepts a valid frame of each direction", func() {
		Expect(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"pong","id":"p-1"}`))).To(Succeed())
		Expect(schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":"ping","id":"p-1","ts":5000}`))).To(Succeed())
	})

	It("dispatches on type and direction: a ping is not a plugin frame", func() {
		// From the plugin, an unknown type is a service call, which needs an id.
		Expect(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"ping","id":"p-1"}`))).To(Succeed())
		err := asSchemaError(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"ping"}`)))
		Expect(err.SchemaLocation).To(Equal("plugin/service-call.json#/allOf/0/required"))
	})

	It("checks only the envelope of a service call, not its params", func() {
		frame := decode(`{"type":"data.kv","id":"c-1","params":{"op":"nope"}}`)
		Expect(schemas.ValidateFrame(schemas.FromPlugin, frame)).To(Succeed())
	})

	It("accepts a runtime frame of a type the plugin does not know (ENV-4)", func() {
		Expect(schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":"future.thing","x":1}`))).To(Succeed())
	})

	It("keeps the envelope open: unknown members are ignored (ENV-3)", func() {
		Expect(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"pong","id":"p-1","extra":{"a":[1]}}`))).To(Succeed())
	})

	It("explains a failure: direction, type, pointer, schema location, rule and message", func() {
		err := schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"pong","id":7}`))
		Expect(err).To(MatchError("/id: expected string, but got number [ENV-2]"))
		e := asSchemaError(err)
		Expect(*e).To(matchFields(schemas.Error{
			Direction:      schemas.FromPlugin,
			FrameType:      "pong",
			Pointer:        "/id",
			SchemaLocation: "common.json#/$defs/id/type",
			Rule:           "ENV-2",
			Message:        "expected string, but got number",
		}))
	})

	It("names the member a frame lacks, with the rule of the schema that requires it", func() {
		err := asSchemaError(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"response","result":1}`)))
		Expect(err.Pointer).To(Equal("/id"))
		Expect(err.Rule).To(Equal("ENV-2"))
		Expect(err.Error()).To(Equal("/id: missing required member [ENV-2]"))
	})

	It("accepts the seed page's ping and pong, which carry no id (WD-7, WD-8)", func() {
		Expect(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"pong"}`))).To(Succeed())
		Expect(schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":"ping"}`))).To(Succeed())
		Expect(schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":"ping","id":"p-1"}`))).To(Succeed())
	})

	It("still checks an id a ping or pong carries (ENV-2)", func() {
		Expect(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"pong","id":""}`))).To(MatchError(ContainSubstring("[ENV-2]")))
		Expect(schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":"ping","id":3}`))).To(MatchError("/id: expected string, but got number [ENV-2]"))
		Expect(schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":"ping","ts":"soon"}`))).To(HaveOccurred())
	})

	It("reports several missing members at the object", func() {
		err := schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":"schedule.fired","ts":1}`))
		Expect(err).To(MatchError(`missing properties: 'schedule_id', 'name' [FRAME-21]`))
	})

	It("leaves the pointer out of the text for a failure of the whole frame", func() {
		err := schemas.ValidateFrame(schemas.ToPlugin, decode(`[1]`))
		Expect(err).To(MatchError("expected object, but got array [FRAME-19]"))
		Expect(asSchemaError(err).FrameType).To(BeEmpty())
	})

	It("reports a missing or non-string type against ENV-1", func() {
		Expect(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"id":"x"}`))).To(MatchError("/type: missing required member [ENV-1]"))
		Expect(schemas.ValidateFrame(schemas.ToPlugin, decode(`{"type":true}`))).To(MatchError("/type: expected string, but got boolean [ENV-1]"))
	})

	It("counts ids in bytes (ENV-2)", func() {
		Expect(schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"pong","id":"`+strings.Repeat("é", 128)+`"}`))).To(Succeed())
		err := schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"pong","id":"`+strings.Repeat("é", 129)+`"}`))
		Expect(err).To(MatchError("/id: must be at most 256 bytes, but is 258 [ENV-2]"))
	})

	It("names the most specific failure, the same one every time, and counts the other places", func() {
		frame := decode(`{"type":"response","id":"r-1","result":1,"error":{"code":"lower"}}`)
		for range 20 {
			err := schemas.ValidateFrame(schemas.FromPlugin, frame)
			Expect(err).To(MatchError(`/error/code: does not match pattern '^[A-Z][A-Z0-9_]*$' (and 2 more) [ERR-1]`))
		}
	})

	It("unwraps to the validator's error with every failure", func() {
		err := schemas.ValidateFrame(schemas.FromPlugin, decode(`{"type":"response","id":"r-1","result":1,"error":{"code":"X","message":""}}`))
		var ve *jsonschema.ValidationError
		Expect(errors.As(err, &ve)).To(BeTrue())
		Expect(ve.BasicOutput().Errors).NotTo(BeEmpty())
	})

	It("may be called from many goroutines at once", func() {
		valid, invalid := decode(`{"type":"pong","id":"p-1"}`), decode(`{"type":"pong","id":7}`)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				defer GinkgoRecover()
				for range 50 {
					Expect(schemas.ValidateFrame(schemas.FromPlugin, valid)).To(Succeed())
					Expect(schemas.ValidateFrame(schemas.FromPlugin, invalid)).To(HaveOccurred())
				}
			})
		}
		wg.Wait()
	})

	It("refuses a direction that does not exist", func() {
		Expect(schemas.ValidateFrame(schemas.Direction(9), decode(`{"type":"ready"}`))).To(MatchError(schemas.ErrNoSchema))
		Expect(schemas.Direction(9).String()).To(Equal("Direction(9)"))
		Expect(schemas.FromPlugin.String()).To(Equal("from plugin"))
	})

	It("reports a Go value that is not decoded JSON as an error, not a failure", func() {
		err := schemas.ValidateFrame(schemas.FromPlugin, map[string]any{"type": "pong", "id": struct{}{}})
		Expect(err).To(HaveOccurred())
		var e *schemas.Error
		Expect(errors.As(err, &e)).To(BeFalse())
	})
})

var _ = Describe("Error", func() {
	It("moves under a prefix without changing the original", func() {
		err := asSchemaError(schemas.ValidateParams("data.kv", decode(`{"op":"get"}`)))
		under := err.Under("/params")
		Expect(under).To(MatchError("/params/key: missing required member [FRAME-24]"))
		Expect(err.Pointer).To(Equal("/key"))
		Expect(errors.Unwrap(under)).NotTo(BeNil())
	})

	It("unwraps to nothing when it was built by hand", func() {
		Expect(errors.Unwrap(&schemas.Error{Message: "m"})).To(BeNil())
		Expect((&schemas.Error{Message: "m"}).Error()).To(Equal("m"))
	})
})
