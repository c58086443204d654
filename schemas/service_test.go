package schemas_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/schemas"
)

var _ = Describe("ValidateParams", func() {
	It("dispatches on params.op to the operation's schema", func() {
		Expect(schemas.ValidateParams("data.kv", decode(`{"op":"set","key":"k","value":"v"}`))).To(Succeed())
		err := asSchemaError(schemas.ValidateParams("data.kv", decode(`{"op":"set","key":"k","value":1}`)))
		Expect(err.SchemaLocation).To(Equal("service/data.kv.json#/$defs/params/set/properties/value/type"))
		Expect(err.Rule).To(Equal("KV-1"))
		Expect(err.FrameType).To(Equal("data.kv"))
	})

	It("reports a missing, unknown or non-string op at /op", func() {
		Expect(schemas.ValidateParams("data.sql", decode(`{}`))).To(MatchError("/op: missing required member [FRAME-24]"))
		Expect(schemas.ValidateParams("data.sql", decode(`{"op":"drop"}`))).To(MatchError(`/op: value must be one of "query", "run", "exec", "batch" [FRAME-24]`))
		Expect(schemas.ValidateParams("storage.file", decode(`{"op":3}`))).To(HaveOccurred())
		Expect(schemas.ValidateParams("storage.file", decode(`[]`))).To(MatchError("expected object, but got array [FRAME-24]"))
	})

	It("checks a service without operations against its one schema", func() {
		Expect(schemas.ValidateParams("settings.getAll", decode(`{}`))).To(Succeed())
		Expect(schemas.ValidateParams("core.users.get", decode(`{"anything":[1]}`))).To(Succeed())
		Expect(schemas.ValidateParams("schedule.register", decode(`{"name":"n","interval_ms":999}`))).
			To(MatchError("/interval_ms: must be >= 1000 but found 999 [FRAME-24]"))
	})

	It("refuses the data page's batch shape {sql, params} on the wire, naming args (SQL-10)", func() {
		Expect(schemas.ValidateParams("data.sql", decode(`{"op":"batch","statements":[{"sql":"x","args":[1]}]}`))).To(Succeed())
		err := asSchemaError(schemas.ValidateParams("data.sql", decode(`{"op":"batch","statements":[{"sql":"x","args":[1]},{"sql":"y","params":[2]}]}`)))
		Expect(err).To(MatchError("/statements/1/params: a statement's bindings travel as args, not params [SQL-10]"))
	})

	It("names the rule of the limit a param breaks", func() {
		Expect(asSchemaError(schemas.ValidateParams("events.subscribe", decode(`{"pattern":"a.*.b"}`))).Rule).To(Equal("EVT-3"))
		ids := `["u"` + strings.Repeat(`,"u"`, 100) + `]`
		Expect(asSchemaError(schemas.ValidateParams("broadcast.toUsers", decode(`{"event":"e","user_ids":`+ids+`}`))).Rule).To(Equal("BC-3"))
		Expect(asSchemaError(schemas.ValidateParams("data.sql", decode(`{"op":"run","sql":"x","args":[[1]]}`))).Rule).To(Equal("SQL-2"))
	})

	It("checks where values by operator in data.read", func() {
		Expect(schemas.ValidateParams("data.read", decode(`{"plugin":"gb","table":"t","where":[{"column":"c","op":"in","value":[1,"a",null]}]}`))).To(Succeed())
		Expect(schemas.ValidateParams("data.read", decode(`{"plugin":"gb","table":"t","where":[{"column":"c","op":"=","value":[1]}]}`))).
			To(MatchError("/where/0/value: expected null or boolean or number or string, but got array [FRAME-24]"))
	})

	It("refuses an unknown service", func() {
		Expect(schemas.ValidateParams("weather.forecast", decode(`{}`))).To(MatchError(schemas.ErrUnknownService))
	})
})

var _ = Describe("ValidateResult", func() {
	DescribeTable("accepts the results CONFORMANCE.md describes",
		func(service, op, result string) {
			Expect(schemas.ValidateResult(service, op, decode(result))).To(Succeed())
		},
		Entry(nil, "data.sql", "query", `[{"id":1,"name":"a","blob":"AAE=","n":null}]`),
		Entry(nil, "data.sql", "run", `{"changes":1,"lastInsertRowid":7}`),
		Entry(nil, "data.sql", "exec", `null`),
		Entry(nil, "data.sql", "batch", `[{"changes":1,"lastInsertRowid":7},{"changes":0,"lastInsertRowid":7}]`),
		Entry(nil, "data.kv", "get", `null`),
		Entry(nil, "data.kv", "list", `[{"key":"a","value":"1"}]`),
		Entry(nil, "data.kv", "getMany", `{"a":"1","b":null}`),
		Entry(nil, "storage.file", "read", `{"data":"aGk=","size":2}`),
		Entry(nil, "storage.file", "list", `[{"name":"uploads","size":0,"dir":true}]`),
		Entry(nil, "storage.file", "stat", `{"size":2,"dir":false,"mtime":1700000000000}`),
		Entry(nil, "data.read", "", `[{"id":1}]`),
		Entry(nil, "settings.get", "", `500`),
		Entry(nil, "settings.getAll", "", `{"max_length":500,"theme":"dark"}`),
		Entry(nil, "presence.watch", "", `{"watch_id":"w-1"}`),
		Entry(nil, "presence.list", "", `[{"user_id":"u","session_id":"s","data":{}}]`),
		Entry(nil, "http.fetch", "", `{"status":404,"headers":{"content-type":"text/plain"},"body":"not found"}`),
		Entry(nil, "schedule.register", "", `{"schedule_id":"s-1"}`),
		Entry(nil, "resources.list", "", `[1,{"a":2}]`),
	)

	It("refuses a result of the wrong shape", func() {
		Expect(schemas.ValidateResult("data.sql", "run", decode(`{"changes":-1,"lastInsertRowid":7}`))).
			To(MatchError("/changes: must be >= 0 but found -1 [FRAME-24]"))
	})

	It("has no result for services answered by an event.ack, nor for unknown ops", func() {
		Expect(schemas.ValidateResult("events.publish", "", decode(`{"event_id":"e"}`))).To(MatchError(schemas.ErrNoSchema))
		Expect(schemas.ValidateResult("data.sql", "drop", decode(`null`))).To(MatchError(schemas.ErrNoSchema))
		Expect(schemas.ValidateResult("settings.get", "get", decode(`1`))).To(MatchError(schemas.ErrNoSchema))
		Expect(schemas.ValidateResult("no.such", "", decode(`1`))).To(MatchError(schemas.ErrUnknownService))
	})
})

var _ = Describe("ValidateDocument", func() {
	It("checks a manifest against the closed manifest schema", func() {
		Expect(schemas.ValidateDocument(schemas.KindManifest, decode(`{"slug":"guestbook","version":"1.0.0"}`))).To(Succeed())
		err := asSchemaError(schemas.ValidateDocument(schemas.KindManifest, decode(`{"slug":"guestbook","version":"1.0.0","backend":{"command":["x"],"comand":[]}}`)))
		Expect(err).To(MatchError("/backend/comand: unknown member [MAN-4]"))
		Expect(err.Kind).To(Equal(schemas.KindManifest))
		Expect(err.Direction).To(BeZero())
	})

	It("checks a transcript entry by its kind", func() {
		Expect(schemas.ValidateDocument(schemas.KindTranscript, decode(`{"seq":1,"t":0,"plugin":"gb","kind":"log","stream":"stderr","line":"x"}`))).To(Succeed())
		Expect(schemas.ValidateDocument(schemas.KindTranscript, decode(`{"seq":1,"t":0,"plugin":"gb","kind":"decision","decision":"stdin_closed","rule":"LIFE-18"}`))).To(Succeed())
		Expect(schemas.ValidateDocument(schemas.KindTranscript, decode(`{"seq":1,"t":0,"plugin":"gb","kind":"decision","decision":"Kill"}`))).
			To(MatchError(ContainSubstring("/decision: does not match pattern")))
		Expect(schemas.ValidateDocument(schemas.KindTranscript, decode(`{"seq":0,"t":0,"plugin":"gb","kind":"log","stream":"stderr","line":"x"}`))).
			To(MatchError("/seq: must be >= 1 but found 0 [TRN-1]"))
	})

	It("refuses a kind it has no schema for", func() {
		Expect(schemas.ValidateDocument("nonsense", decode(`{}`))).To(MatchError(schemas.ErrNoSchema))
	})
})
