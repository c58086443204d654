package mockruntime

import (
	"fmt"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// ping is one ping awaiting its pong.
type ping struct {
	id       string
	seq      uint64 // the order pings were sent in, for a pong without id (WD-9)
	deadline clock.Timer
	missed   bool
}

// armWatchdog schedules the next ping (WD-1).
func (s *session) armWatchdog() {
	t := s.rt.clock.AfterFunc(s.rt.opts.Timing.PingInterval, s.sendPing)
	s.mu.Lock()
	s.pingTimer = t
	s.mu.Unlock()
}

// sendPing sends one ping with a deadline and schedules the next.
func (s *session) sendPing() {
	if _, ok := s.pingOnce(nil); ok {
		s.armWatchdog()
	}
}

// pingOnce sends one ping with a deadline, outside the schedule, and
// returns its id; false when the process is stopping, killed or gone.
// before, when set, runs with the ping's id just before it is sent.
func (s *session) pingOnce(before func(id string)) (string, bool) {
	s.mu.Lock()
	if s.stopRequested || s.killReason != "" || s.done() {
		s.mu.Unlock()
		return "", false
	}
	s.pingSeq++
	pg := &ping{id: fmt.Sprintf("ping-%d", s.pingSeq), seq: s.pingSeq}
	pg.deadline = s.rt.clock.AfterFunc(s.rt.opts.Timing.PongDeadline, func() { s.pongMissed(pg) })
	s.pings[pg.id] = pg
	s.mu.Unlock()

	if before != nil {
		before(pg.id)
	}
	_ = s.send(map[string]any{"type": wire.TypePing, "id": pg.id, "ts": clock.Millis(s.rt.clock.Now())})
	return pg.id, true
}

// Ping sends the running process one ping now, beside the watchdog's own
// schedule, and returns its id; the pong is judged like any other (WD-2,
// WD-4). A host asks for one to learn whether the plugin still reads its
// stdin and answers pings, for instance while a request goes unanswered.
// The decision "ping_asked" records that the host, not the schedule, sent
// it. ErrNotRunning unless the plugin is Running (ready, not stopping)
// with a process that takes frames. Safe for concurrent use.
func (p *Plugin) Ping() (string, error) {
	s := p.current()
	if s == nil || p.State() != Running {
		return "", ErrNotRunning
	}
	id, ok := s.pingOnce(func(id string) {
		p.rt.decide(p.Slug(), "ping_asked", "WD-1", id, map[string]any{"ping": id})
	})
	if !ok {
		return "", ErrNotRunning
	}
	return id, nil
}

// pongMissed counts a ping whose deadline passed (WD-4) and kills the
// plugin after too many in a row (WD-5).
func (s *session) pongMissed(pg *ping) {
	s.mu.Lock()
	if _, waiting := s.pings[pg.id]; !waiting || s.stopRequested {
		s.mu.Unlock()
		return
	}
	pg.missed = true
	s.missed++
	missed, limit := s.missed, s.rt.opts.Timing.MissedPings
	s.mu.Unlock()
	s.violation("WD-2", fmt.Sprintf("no pong for %s within the pong deadline (%d in a row)", pg.id, missed), map[string]any{"ping": pg.id})
	if missed >= limit {
		s.kill("watchdog", "WD-5", fmt.Sprintf("%d consecutive pings missed: the plugin is hung", missed))
	}
}

// onPong settles a ping (WD-2, WD-4): the one its id names, or, for a
// pong without id (the seed page's shape), the oldest ping still awaiting
// its pong, missed or not (WD-9).
func (s *session) onPong(f frameIn) {
	_, hasID := f.obj["id"]
	s.mu.Lock()
	var pg *ping
	if hasID {
		pg = s.pings[f.id]
	} else {
		pg = s.oldestPing()
	}
	if pg != nil {
		delete(s.pings, pg.id)
		if !pg.missed {
			s.missed = 0
		}
	}
	s.mu.Unlock()
	switch {
	case pg == nil && hasID:
		s.violation("WD-2", fmt.Sprintf("pong %q answers no outstanding ping", f.id), map[string]any{"frame_seq": f.seq})
	case pg == nil:
		s.violation("WD-2", "pong without id answers no outstanding ping", map[string]any{"frame_seq": f.seq})
	case pg.missed:
		s.rt.decide(s.p.Slug(), "notice", "WD-4", fmt.Sprintf("late pong for %s: counted as missed", pg.id), nil)
	default:
		pg.deadline.Stop()
	}
}

// oldestPing returns the earliest-sent ping still awaiting its pong, or
// nil. The caller holds s.mu.
func (s *session) oldestPing() *ping {
	var oldest *ping
	for _, pg := range s.pings {
		if oldest == nil || pg.seq < oldest.seq {
			oldest = pg
		}
	}
	return oldest
}
