package mockruntime

// services is the dispatch table of service calls, keyed by frame type
// (CONFORMANCE.md §9, §10.2). Adding a service is one entry here and its
// functions in a svc_*.go file.
var services = map[string]service{
	"data.sql":             {capability: fixed("data.sql:self"), run: dataSQL},
	"data.kv":              {capability: fixed("data.kv:self"), run: dataKV},
	"data.read":            {capability: readCapability, run: dataRead},
	"events.publish":       {capability: publishCapability, run: eventsPublish, ack: true},
	"events.subscribe":     {capability: subscribeCapability, run: eventsSubscribe, ack: true},
	"events.unsubscribe":   {capability: fixed(""), run: eventsUnsubscribe, ack: true},
	"settings.get":         {capability: fixed(""), run: settingsGet},
	"settings.getAll":      {capability: fixed(""), run: settingsGetAll},
	"broadcast.toAll":      {capability: fixed("broadcast.clients"), run: broadcastToAll},
	"broadcast.toUsers":    {capability: fixed("broadcast.clients"), run: broadcastToUsers},
	"broadcast.toUser":     {capability: fixed("broadcast.clients"), run: broadcastToUser},
	"presence.join":        {capability: fixed("broadcast.clients"), run: presenceJoin},
	"presence.update":      {capability: fixed("broadcast.clients"), run: presenceUpdate},
	"presence.leave":       {capability: fixed("broadcast.clients"), run: presenceLeave},
	"presence.watch":       {capability: fixed("broadcast.clients"), run: presenceWatch},
	"presence.unwatch":     {capability: fixed("broadcast.clients"), run: presenceUnwatch},
	"presence.list":        {capability: fixed(""), run: presenceList},
	"http.fetch":           {capability: fetchCapability, run: httpFetch},
	"schedule.register":    {capability: fixed("schedule.register"), run: scheduleRegister},
	"schedule.cancel":      {capability: fixed("schedule.register"), run: scheduleCancel},
	"storage.file":         {capability: fixed("storage.file:self"), run: storageFile},
	"resources.get":        platformService("resources.read"),
	"resources.list":       platformService("resources.read"),
	"voice.tokens":         platformService("voice.tokens"),
	"voice.moderation":     platformService("voice.moderation"),
	"permissions.check":    platformService("permissions.read"),
	"core.users.get":       platformService("core.users.read"),
	"core.categories.list": platformService("core.categories.read"),
}

// fixed is a capability that does not depend on the params.
func fixed(capability string) func(*call) string {
	return func(*call) string { return capability }
}
