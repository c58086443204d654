package bus

// pragmas set up the one connection of the bus: WAL so readers never block
// the committer, synchronous=NORMAL because a WAL commit is then durable
// against process crashes and only the last transactions can be lost on a
// power cut.
var pragmas = []string{
	"PRAGMA journal_mode=WAL",
	"PRAGMA synchronous=NORMAL",
	"PRAGMA busy_timeout=5000",
}

// schemaVersion is stored in PRAGMA user_version once the tables exist.
const schemaVersion = 1

// schema is the layout of bus.db. Fanning an event out writes nothing but
// the event: a subscription's pending events are the events of the log
// above its position, up to last_seq, that match its pattern and are not
// recorded as settled. So the hot path is one INSERT per event plus one
// row update per subscription per transaction.
//
//   - events: the log. seq is the event id's number and never reused.
//   - subscriptions: one row per (subscriber, pattern) with its options,
//     health, counters, its position (every matched event at or below it
//     is settled), the newest sequence matched (last_seq) and the newest
//     first delivery sent (sent_through).
//   - settled: matched events above the position already settled (acked
//     out of order, dead-lettered, dropped); pruned as the position passes.
//   - attempts: attempts known to have been made for pending events, saved
//     when an attempt fails and on Close rather than on every delivery.
//   - dead_letters: events that ran out of attempts, per subscription.
//   - meta: clean_shutdown is 1 only between a Close and the next Open.
var schema = []string{
	`CREATE TABLE events (
		seq INTEGER PRIMARY KEY,
		topic TEXT NOT NULL,
		version INTEGER NOT NULL,
		ts INTEGER NOT NULL,
		source TEXT NOT NULL,
		payload BLOB NOT NULL)`,
	`CREATE TABLE subscriptions (
		id INTEGER PRIMARY KEY,
		subscriber TEXT NOT NULL,
		pattern TEXT NOT NULL,
		overflow_policy TEXT NOT NULL,
		max_queue INTEGER NOT NULL,
		max_in_flight INTEGER NOT NULL,
		healthy INTEGER NOT NULL,
		drops INTEGER NOT NULL,
		delivered INTEGER NOT NULL,
		acked INTEGER NOT NULL,
		nacked INTEGER NOT NULL,
		position INTEGER NOT NULL,
		last_seq INTEGER NOT NULL,
		sent_through INTEGER NOT NULL,
		UNIQUE (subscriber, pattern))`,
	`CREATE TABLE settled (
		sub_id INTEGER NOT NULL,
		seq INTEGER NOT NULL,
		PRIMARY KEY (sub_id, seq)) WITHOUT ROWID`,
	`CREATE TABLE attempts (
		sub_id INTEGER NOT NULL,
		seq INTEGER NOT NULL,
		attempts INTEGER NOT NULL,
		PRIMARY KEY (sub_id, seq)) WITHOUT ROWID`,
	`CREATE TABLE dead_letters (
		sub_id INTEGER NOT NULL,
		seq INTEGER NOT NULL,
		attempts INTEGER NOT NULL,
		error_code TEXT NOT NULL,
		PRIMARY KEY (sub_id, seq)) WITHOUT ROWID`,
	`CREATE TABLE meta (
		key TEXT PRIMARY KEY,
		value INTEGER NOT NULL) WITHOUT ROWID`,
}

// The statements the committer runs, prepared once on its connection.
const (
	sqlBegin    = `BEGIN`
	sqlCommit   = `COMMIT`
	sqlRollback = `ROLLBACK`
	// sqlInsertEvents inserts one event; insertEventsStmt extends it.
	sqlInsertEvents   = `INSERT INTO events (seq, topic, version, ts, source, payload) VALUES (?, ?, ?, ?, ?, ?)`
	sqlInsertSettled  = `INSERT OR IGNORE INTO settled (sub_id, seq) VALUES (?, ?)`
	sqlPruneSettled   = `DELETE FROM settled WHERE sub_id = ? AND seq <= ?`
	sqlSetAttempts    = `INSERT OR REPLACE INTO attempts (sub_id, seq, attempts) VALUES (?, ?, ?)`
	sqlDeleteAttempts = `DELETE FROM attempts WHERE sub_id = ? AND seq = ?`
	sqlInsertDead     = `INSERT OR REPLACE INTO dead_letters (sub_id, seq, attempts, error_code) VALUES (?, ?, ?, ?)`
	sqlDeleteSub      = `DELETE FROM subscriptions WHERE id = ?`
	sqlDeleteSubGaps  = `DELETE FROM settled WHERE sub_id = ?`
	sqlDeleteSubTries = `DELETE FROM attempts WHERE sub_id = ?`
	sqlDeleteSubDead  = `DELETE FROM dead_letters WHERE sub_id = ?`
	sqlSetClean       = `INSERT OR REPLACE INTO meta (key, value) VALUES ('clean_shutdown', ?)`
	sqlUpsertSub      = `INSERT INTO subscriptions (id, subscriber, pattern, overflow_policy, max_queue, max_in_flight,
		healthy, drops, delivered, acked, nacked, position, last_seq, sent_through)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET overflow_policy = excluded.overflow_policy,
		max_queue = excluded.max_queue, max_in_flight = excluded.max_in_flight,
		healthy = excluded.healthy, drops = excluded.drops, delivered = excluded.delivered,
		acked = excluded.acked, nacked = excluded.nacked, position = excluded.position,
		last_seq = excluded.last_seq, sent_through = excluded.sent_through`
)

// preparedStatements lists what the committer prepares.
var preparedStatements = []string{
	sqlBegin, sqlCommit, sqlRollback, sqlInsertSettled, sqlPruneSettled, sqlSetAttempts,
	sqlDeleteAttempts, sqlInsertDead, sqlDeleteSub, sqlDeleteSubGaps, sqlDeleteSubTries, sqlDeleteSubDead,
	sqlSetClean, sqlUpsertSub,
}
