package mockruntime

// FireSchedule sends schedule.fired for the plugin's schedule called name at
// once, as if it fell due (§9.10); the schedule's own period is not
// changed. An unknown name is NOT_FOUND; a plugin that is not running
// misses the frame, the drop is recorded (NOTE-1) and an error returned.
// Safe for concurrent use.
func (p *Plugin) FireSchedule(name string) error { return p.rt.hub.schedules.Fire(p.handle, name) }

// Schedules returns the names of the schedules the plugin has registered
// (schedule.register, §9.10), sorted. Safe for concurrent use.
func (p *Plugin) Schedules() []string { return p.rt.hub.schedules.Names(p.handle) }
