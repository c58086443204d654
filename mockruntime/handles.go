package mockruntime

import (
	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/manifest"
	"github.com/conform-dev/conform/mockruntime/service"
)

// The runtime as services see it (package service): one pluginHandle per
// Plugin, one processHandle per session and one hostHandle per Runtime,
// each made once so that they compare equal for the same thing.

// pluginHandle is a Plugin as a service.Plugin.
type pluginHandle struct{ p *Plugin }

func (h *pluginHandle) Slug() string                      { return h.p.Slug() }
func (h *pluginHandle) Manifest() *manifest.Manifest      { return h.p.manifest }
func (h *pluginHandle) DataDir() string                   { return h.p.dataDir }
func (h *pluginHandle) Notify(frame map[string]any) error { return h.p.notify(frame) }

// processHandle is a session as a service.Process.
type processHandle struct{ s *session }

func (h *processHandle) Request(id string) (service.RequestContext, bool) {
	return h.s.requestContext(id)
}

func (h *processHandle) Current() bool { return h.s.p.current() == h.s }

// hostHandle is a Runtime as a service.Host.
type hostHandle struct{ rt *Runtime }

func (h *hostHandle) Clock() clock.Clock { return h.rt.clock }

func (h *hostHandle) Decide(plugin, decision, rule, detail string, data map[string]any) int64 {
	return h.rt.transcript.recordDecision(plugin, decision, rule, detail, data).Seq
}

func (h *hostHandle) Plugin(slug string) (service.Plugin, bool) {
	if p := h.rt.Plugin(slug); p != nil {
		return p.handle, true
	}
	return nil, false
}
