package bus

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// store is the SQLite side of the bus: one connection, used by Open to
// restore state and afterwards only by the committer goroutine. It is not
// safe for concurrent use.
type store struct {
	db    *sql.DB
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
	// inserts[n] inserts n events at once.
	inserts [maxEventsPerInsert + 1]*sql.Stmt
	args    []any
}

// maxEventsPerInsert bounds the rows of one INSERT into events (6 bound
// parameters each, far below SQLite's limit).
const maxEventsPerInsert = 64

// openStore opens (creating when missing) the bus file at path and prepares
// the committer's statements.
func openStore(ctx context.Context, path string) (*store, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	s := &store{db: db, stmts: map[string]*sql.Stmt{}}
	if err := s.setUp(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("setting up %s: %w", path, err)
	}
	return s, nil
}

func (s *store) setUp(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	s.conn = conn
	for _, q := range pragmas {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	if err := s.createSchema(ctx); err != nil {
		return err
	}
	for _, q := range preparedStatements {
		stmt, err := conn.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("preparing %.40s: %w", q, err)
		}
		s.stmts[q] = stmt
	}
	return nil
}

// createSchema creates the tables of a new file, once: user_version
// records that the file has the layout of schemaVersion.
func (s *store) createSchema(ctx context.Context) error {
	var version int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("reading the schema version: %w", err)
	}
	switch version {
	case schemaVersion:
		return nil
	case 0:
		ddl := strings.Join(schema, ";\n") + fmt.Sprintf(";\nPRAGMA user_version=%d", schemaVersion)
		if _, err := s.conn.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("creating the tables: %w", err)
		}
		return nil
	}
	return fmt.Errorf("schema version %d, this bus knows %d", version, schemaVersion)
}

func (s *store) close() error {
	for _, stmt := range s.stmts {
		stmt.Close()
	}
	for _, stmt := range s.inserts {
		if stmt != nil {
			stmt.Close()
		}
	}
	s.conn.Close()
	return s.db.Close()
}

// write applies ops in order, then rewrites rows, in one transaction.
func (s *store) write(ops []op, rows []subRow) error {
	ctx := context.Background()
	if err := s.exec(ctx, sqlBegin); err != nil {
		return fmt.Errorf("beginning a bus transaction: %w", err)
	}
	if err := s.applyAll(ctx, ops, rows); err != nil {
		_ = s.exec(ctx, sqlRollback)
		return err
	}
	if err := s.exec(ctx, sqlCommit); err != nil {
		return fmt.Errorf("committing a bus transaction: %w", err)
	}
	return nil
}

func (s *store) applyAll(ctx context.Context, ops []op, rows []subRow) error {
	for i := 0; i < len(ops); {
		n, err := s.applyNext(ctx, ops[i:])
		if err != nil {
			return fmt.Errorf("bus write %d of %d: %w", i+1, len(ops), err)
		}
		i += n
	}
	for _, r := range rows {
		if err := s.exec(ctx, sqlUpsertSub, r.id, r.subscriber, r.pattern, string(r.opts.OverflowPolicy),
			r.opts.MaxQueue, r.opts.MaxInFlight, r.healthy, r.drops, r.delivered, r.acked, r.nacked,
			r.position, r.lastSeq, r.sentThrough); err != nil {
			return fmt.Errorf("saving subscription %d: %w", r.id, err)
		}
	}
	return nil
}

// applyNext applies ops[0], or the run of event inserts it starts, and
// returns how many ops it applied.
func (s *store) applyNext(ctx context.Context, ops []op) (int, error) {
	if ops[0].kind != opInsertEvent {
		return 1, s.apply(ctx, &ops[0])
	}
	n := 1
	for n < len(ops) && n < maxEventsPerInsert && ops[n].kind == opInsertEvent {
		n++
	}
	return n, s.insertEvents(ctx, ops[:n])
}

// insertEvents inserts the events of ops with one statement: a multi-row
// INSERT costs SQLite and database/sql far less than one per row.
func (s *store) insertEvents(ctx context.Context, ops []op) error {
	stmt, err := s.insertEventsStmt(ctx, len(ops))
	if err != nil {
		return err
	}
	args := s.args[:0]
	for _, o := range ops {
		e := o.ev
		args = append(args, e.seq, e.topic, e.version, e.ts, e.source, []byte(e.payload))
	}
	_, err = stmt.ExecContext(ctx, args...)
	clear(args)
	s.args = args
	return err
}

// insertEventsStmt returns the statement inserting n events, preparing it
// the first time.
func (s *store) insertEventsStmt(ctx context.Context, n int) (*sql.Stmt, error) {
	if stmt := s.inserts[n]; stmt != nil {
		return stmt, nil
	}
	q := sqlInsertEvents + strings.Repeat(", (?, ?, ?, ?, ?, ?)", n-1)
	stmt, err := s.conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("preparing an insert of %d events: %w", n, err)
	}
	s.inserts[n] = stmt
	return stmt, nil
}

func (s *store) apply(ctx context.Context, o *op) error {
	switch o.kind {
	case opInsertSettled:
		return s.exec(ctx, sqlInsertSettled, o.subID, o.seq)
	case opPruneSettled:
		return s.exec(ctx, sqlPruneSettled, o.subID, o.seq)
	case opSetAttempts:
		return s.exec(ctx, sqlSetAttempts, o.subID, o.seq, o.attempts)
	case opDeleteAttempts:
		return s.exec(ctx, sqlDeleteAttempts, o.subID, o.seq)
	case opDeadLetter:
		return s.exec(ctx, sqlInsertDead, o.subID, o.seq, o.attempts, o.code)
	case opDeleteSubscription:
		return s.execAll(ctx, o.subID, sqlDeleteSubGaps, sqlDeleteSubTries, sqlDeleteSubDead, sqlDeleteSub)
	case opMarkClean:
		return s.exec(ctx, sqlSetClean, 1)
	}
	return fmt.Errorf("unknown bus write kind %d", o.kind)
}

func (s *store) exec(ctx context.Context, query string, args ...any) error {
	_, err := s.stmts[query].ExecContext(ctx, args...)
	return err
}

func (s *store) execAll(ctx context.Context, arg any, queries ...string) error {
	for _, q := range queries {
		if err := s.exec(ctx, q, arg); err != nil {
			return err
		}
	}
	return nil
}
