package mockruntime

import "github.com/conform-dev/conform/mockruntime/wire"

// FireSchedule sends schedule.fired for the plugin's schedule called name at
// once, as if it fell due (§9.10); the schedule's own period is not
// changed. An unknown name is NOT_FOUND; a plugin that is not running
// misses the frame, the drop is recorded (NOTE-1) and an error returned.
// Safe for concurrent use.
func (p *Plugin) FireSchedule(name string) error {
	sch, ok := p.rt.hub.schedules.lookup(p, name)
	if !ok {
		return wire.Errorf(wire.CodeNotFound, "plugin %s has no schedule %q", p.Slug(), name)
	}
	return sch.fire()
}
