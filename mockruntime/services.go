package mockruntime

// services is the dispatch table of service calls, keyed by frame type
// (CONFORMANCE.md §9, §10.2). Adding a service is one entry here and its
// functions in a svc_*.go file.
var services = map[string]service{
	"data.sql":           {capability: fixed("data.sql:self"), run: dataSQL},
	"data.kv":            {capability: fixed("data.kv:self"), run: dataKV},
	"data.read":          {capability: readCapability, run: dataRead},
	"events.publish":     {capability: publishCapability, run: eventsPublish, ack: true},
	"events.subscribe":   {capability: subscribeCapability, run: eventsSubscribe, ack: true},
	"events.unsubscribe": {capability: fixed(""), run: eventsUnsubscribe, ack: true},
}

// fixed is a capability that does not depend on the params.
func fixed(capability string) func(*call) string {
	return func(*call) string { return capability }
}
