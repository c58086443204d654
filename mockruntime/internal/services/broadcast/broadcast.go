package broadcast

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/conform-dev/conform/mockruntime/service"
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

// Log is every broadcast of a runtime, in the order of their transcript
// entries. The zero value is ready; safe for concurrent use.
type Log struct {
	mu   sync.Mutex
	list []Broadcast
}

// ToAll serves broadcast.toAll (BC-1, BC-2).
func (l *Log) ToAll(_ context.Context, c *service.Call) (any, error) {
	return nil, l.send(c, TargetAll, nil)
}

// ToUsers serves broadcast.toUsers; its schema holds user_ids to 1 to 100
// entries, so a longer list never gets here (BC-3).
func (l *Log) ToUsers(_ context.Context, c *service.Call) (any, error) {
	return nil, l.send(c, TargetUsers, service.StringList(c.Params["user_ids"]))
}

// ToUser serves broadcast.toUser.
func (l *Log) ToUser(_ context.Context, c *service.Call) (any, error) {
	return nil, l.send(c, TargetUser, []string{service.StringParam(c.Params, "user_id")})
}

// send records the call's event, named in the sender's namespace, as
// delivered to its target.
func (l *Log) send(c *service.Call, target string, userIDs []string) error {
	payload, err := json.Marshal(c.Params["payload"])
	if err != nil {
		return err
	}
	slug := c.Plugin.Slug()
	l.record(c.Host, Broadcast{
		Plugin:  slug,
		Event:   slug + "." + service.StringParam(c.Params, "event"),
		Payload: payload,
		Target:  target,
		UserIDs: userIDs,
	})
	return nil
}

// record adds b to the log and to the transcript, as a broadcast decision,
// in one step so that both keep the same order.
func (l *Log) record(h service.Host, b Broadcast) {
	l.mu.Lock()
	defer l.mu.Unlock()
	data := map[string]any{"event": b.Event, "target": b.Target}
	if b.UserIDs != nil {
		data["user_ids"] = b.UserIDs
	}
	b.Seq = h.Decide(b.Plugin, "broadcast", "BC-2", fmt.Sprintf("broadcast %s to %s", b.Event, b.Target), data)
	l.list = append(l.list, b)
}

// All returns every broadcast, oldest first; the slice is the caller's.
func (l *Log) All() []Broadcast {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Broadcast(nil), l.list...)
}
