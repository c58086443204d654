package mockruntime

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// Broadcast targets: who a Broadcast was addressed to.
const (
	TargetAll   = "all"
	TargetUsers = "users"
	TargetUser  = "user"
)

// Broadcast is one event a plugin sent to the simulated clients (§9.6).
// Broadcasts are fire-and-forget: recording one is all the delivery there
// is. A plain value.
type Broadcast struct {
	Plugin  string          // the sender's slug
	Event   string          // the name clients see: <slug>.<event> (BC-2)
	Payload json.RawMessage // the payload as sent; null when none
	Target  string          // TargetAll, TargetUsers or TargetUser
	UserIDs []string        // the addressed users; nil for TargetAll
	Seq     int64           // the transcript entry that records it
}

// broadcastToAll serves broadcast.toAll (BC-1, BC-2).
func broadcastToAll(_ context.Context, c *call) (any, error) {
	return nil, c.broadcast(TargetAll, nil)
}

// broadcastToUsers serves broadcast.toUsers; its schema holds user_ids to 1
// to 100 entries, so a longer list never gets here (BC-3).
func broadcastToUsers(_ context.Context, c *call) (any, error) {
	return nil, c.broadcast(TargetUsers, stringList(c.Params["user_ids"]))
}

// broadcastToUser serves broadcast.toUser.
func broadcastToUser(_ context.Context, c *call) (any, error) {
	return nil, c.broadcast(TargetUser, []string{stringParam(c.Params, "user_id")})
}

// broadcast records the call's event, named in the sender's namespace, as
// delivered to its target.
func (c *call) broadcast(target string, userIDs []string) error {
	payload, err := json.Marshal(c.Params["payload"])
	if err != nil {
		return err
	}
	c.s.rt.hub.broadcasts.record(c.s.rt.transcript, Broadcast{
		Plugin:  c.p.Slug(),
		Event:   c.p.Slug() + "." + stringParam(c.Params, "event"),
		Payload: payload,
		Target:  target,
		UserIDs: userIDs,
	})
	return nil
}

// broadcastLog is every broadcast of a runtime, in the order of their
// transcript entries. Safe for concurrent use.
type broadcastLog struct {
	mu   sync.Mutex
	list []Broadcast
}

// record adds b to the log and to the transcript, as a broadcast decision, in one step
// so that both keep the same order.
func (l *broadcastLog) record(t *Transcript, b Broadcast) {
	l.mu.Lock()
	defer l.mu.Unlock()
	data := map[string]any{"event": b.Event, "target": b.Target}
	if b.UserIDs != nil {
		data["user_ids"] = b.UserIDs
	}
	e := t.recordDecision(b.Plugin, "broadcast", "BC-2", fmt.Sprintf("broadcast %s to %s", b.Event, b.Target), data)
	b.Seq = e.Seq
	l.list = append(l.list, b)
}

func (l *broadcastLog) all() []Broadcast {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Broadcast(nil), l.list...)
}
