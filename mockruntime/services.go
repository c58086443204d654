package mockruntime

import (
	"github.com/conform-dev/conform/mockruntime/internal/services/data"
	"github.com/conform-dev/conform/mockruntime/internal/services/events"
	"github.com/conform-dev/conform/mockruntime/internal/services/fetch"
	"github.com/conform-dev/conform/mockruntime/internal/services/storage"
	"github.com/conform-dev/conform/mockruntime/service"
)

// builtins is the dispatch table of the built-in services, keyed by frame
// type, with the capability each call needs (CONFORMANCE.md §8, §9,
// §10.2). Adding a service is one entry here; Options.Services adds or
// replaces entries after these, never changing a built-in's capability.
func (h *hub) builtins() []service.Service {
	fixed, platform := service.Fixed, h.platform.Serve
	return []service.Service{
		service.New("data.sql", fixed("data.sql:self"), h.data.SQL),
		service.New("data.kv", fixed("data.kv:self"), h.data.KV),
		service.New("data.read", data.ReadCapability, h.data.Read),
		service.New("events.publish", events.PublishCapability, h.events.Publish),
		service.New("events.subscribe", events.SubscribeCapability, h.events.Subscribe),
		service.New("events.unsubscribe", nil, h.events.Unsubscribe),
		service.New("settings.get", nil, h.settings.Get),
		service.New("settings.getAll", nil, h.settings.GetAll),
		service.New("broadcast.toAll", fixed("broadcast.clients"), h.broadcasts.ToAll),
		service.New("broadcast.toUsers", fixed("broadcast.clients"), h.broadcasts.ToUsers),
		service.New("broadcast.toUser", fixed("broadcast.clients"), h.broadcasts.ToUser),
		service.New("presence.join", fixed("broadcast.clients"), h.presence.Join),
		service.New("presence.update", fixed("broadcast.clients"), h.presence.Update),
		service.New("presence.leave", fixed("broadcast.clients"), h.presence.Leave),
		service.New("presence.watch", fixed("broadcast.clients"), h.presence.Watch),
		service.New("presence.unwatch", fixed("broadcast.clients"), h.presence.Unwatch),
		service.New("presence.list", nil, h.presence.List),
		service.New("http.fetch", fetch.Capability, h.fetches.Serve),
		service.New("schedule.register", fixed("schedule.register"), h.schedules.Register),
		service.New("schedule.cancel", fixed("schedule.register"), h.schedules.Cancel),
		service.New("storage.file", fixed("storage.file:self"), storage.File),
		service.New("resources.get", fixed("resources.read"), platform),
		service.New("resources.list", fixed("resources.read"), platform),
		service.New("voice.tokens", fixed("voice.tokens"), platform),
		service.New("voice.moderation", fixed("voice.moderation"), platform),
		service.New("permissions.check", fixed("permissions.read"), platform),
		service.New("core.users.get", fixed("core.users.read"), platform),
		service.New("core.categories.list", fixed("core.categories.read"), platform),
	}
}

// ackedServices are answered with an event.ack instead of a response
// (EVT-6), whoever serves them.
var ackedServices = map[string]bool{"events.publish": true, "events.subscribe": true, "events.unsubscribe": true}
