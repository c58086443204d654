package bus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// snapshot is everything bus.db holds, as read by Open.
type snapshot struct {
	// clean: the previous process closed the bus properly.
	clean   bool
	lastSeq int64
	subs    []subRow
	// events are the log's events some subscription may still have
	// pending, in log order.
	events []*event
	// settled, attempts and dead are keyed by subscription id.
	settled  map[int64]map[int64]bool
	attempts map[int64]map[int64]int
	dead     map[int64][]int64
}

// load reads the whole state and marks the file as in use (not cleanly
// closed) so that a crash before the next Close is recognised.
func (s *store) load(ctx context.Context) (*snapshot, error) {
	snap := &snapshot{settled: map[int64]map[int64]bool{}, attempts: map[int64]map[int64]int{}, dead: map[int64][]int64{}}
	steps := []func(context.Context, *snapshot) error{s.loadMeta, s.loadSubs, s.loadSettled, s.loadAttempts, s.loadDead, s.loadEvents}
	for _, step := range steps {
		if err := step(ctx, snap); err != nil {
			return nil, fmt.Errorf("restoring the bus: %w", err)
		}
	}
	if err := s.exec(ctx, sqlSetClean, 0); err != nil {
		return nil, fmt.Errorf("marking the bus open: %w", err)
	}
	return snap, nil
}

func (s *store) loadMeta(ctx context.Context, snap *snapshot) error {
	var clean int
	err := s.conn.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'clean_shutdown'`).Scan(&clean)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	snap.clean = clean == 1
	return s.conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM events`).Scan(&snap.lastSeq)
}

func (s *store) loadSubs(ctx context.Context, snap *snapshot) error {
	return s.each(ctx, `SELECT id, subscriber, pattern, overflow_policy, max_queue, max_in_flight, healthy,
		drops, delivered, acked, nacked, position, last_seq, sent_through FROM subscriptions ORDER BY id`,
		func(rows *sql.Rows) error {
			var r subRow
			err := rows.Scan(&r.id, &r.subscriber, &r.pattern, &r.opts.OverflowPolicy, &r.opts.MaxQueue,
				&r.opts.MaxInFlight, &r.healthy, &r.drops, &r.delivered, &r.acked, &r.nacked,
				&r.position, &r.lastSeq, &r.sentThrough)
			snap.subs = append(snap.subs, r)
			return err
		})
}

func (s *store) loadSettled(ctx context.Context, snap *snapshot) error {
	return s.each(ctx, `SELECT sub_id, seq FROM settled`, func(rows *sql.Rows) error {
		var subID, seq int64
		if err := rows.Scan(&subID, &seq); err != nil {
			return err
		}
		if snap.settled[subID] == nil {
			snap.settled[subID] = map[int64]bool{}
		}
		snap.settled[subID][seq] = true
		return nil
	})
}

func (s *store) loadAttempts(ctx context.Context, snap *snapshot) error {
	return s.each(ctx, `SELECT sub_id, seq, attempts FROM attempts`, func(rows *sql.Rows) error {
		var subID, seq int64
		var n int
		if err := rows.Scan(&subID, &seq, &n); err != nil {
			return err
		}
		if snap.attempts[subID] == nil {
			snap.attempts[subID] = map[int64]int{}
		}
		snap.attempts[subID][seq] = n
		return nil
	})
}

func (s *store) loadDead(ctx context.Context, snap *snapshot) error {
	return s.each(ctx, `SELECT sub_id, seq FROM dead_letters ORDER BY sub_id, seq`, func(rows *sql.Rows) error {
		var subID, seq int64
		err := rows.Scan(&subID, &seq)
		snap.dead[subID] = append(snap.dead[subID], seq)
		return err
	})
}

// loadEvents reads the log from the lowest position of a subscription that
// has anything pending, keeping the events some subscription still needs.
func (s *store) loadEvents(ctx context.Context, snap *snapshot) error {
	from := int64(-1)
	for _, r := range snap.subs {
		if r.position < r.lastSeq && (from < 0 || r.position < from) {
			from = r.position
		}
	}
	if from < 0 {
		return nil
	}
	rows, err := s.conn.QueryContext(ctx, `SELECT seq, topic, version, ts, source, payload FROM events WHERE seq > ? ORDER BY seq`, from)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e := &event{}
		var payload []byte
		if err := rows.Scan(&e.seq, &e.topic, &e.version, &e.ts, &e.source, &payload); err != nil {
			return err
		}
		e.payload = json.RawMessage(payload)
		if snap.pendingAnywhere(e) {
			snap.events = append(snap.events, e)
		}
	}
	return rows.Err()
}

// pendingFor reports whether e is pending for the subscription of row r.
func (snap *snapshot) pendingFor(r subRow, e *event) bool {
	return e.seq > r.position && e.seq <= r.lastSeq && !snap.settled[r.id][e.seq] && Matches(r.pattern, e.topic)
}

func (snap *snapshot) pendingAnywhere(e *event) bool {
	for _, r := range snap.subs {
		if snap.pendingFor(r, e) {
			return true
		}
	}
	return false
}

// each runs query and calls scan for every row.
func (s *store) each(ctx context.Context, query string, scan func(*sql.Rows) error) error {
	rows, err := s.conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
