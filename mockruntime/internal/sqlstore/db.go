package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// poolSize bounds the connections of one database. WAL lets readers run
// beside the one writer, so a slow query does not hold up a KV get (ENV-12),
// while each connection's page cache keeps the bound small.
const poolSize = 4

// DB is one plugin's private database (SQL-1), or another plugin's database
// opened read-only for data.read (READ-3). All methods are safe for
// concurrent use; Close ends the DB and must come after every other call
// has returned.
type DB struct {
	pool           *sql.DB
	maxResultBytes int
	maxCallTime    time.Duration
}

// Open opens the database file at path, creating it if needed (its folder
// must exist): WAL journal mode, synchronous=NORMAL, foreign keys on, a
// busy timeout, the `_kv` table created if missing (KV-2), and the
// statement guard installed on every connection.
func Open(path string, opts ...Option) (*DB, error) {
	dsn, err := readWriteDSN(path)
	if err != nil {
		return nil, err
	}
	db, err := open(dsn, readWrite, opts)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: opening %s: %w", path, err)
	}
	if err := db.setUp(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: setting up %s: %w", path, err)
	}
	return db, nil
}

// OpenReadOnly opens another plugin's database for data.read: read-only at
// the SQLite level, and with a guard that refuses every action but reading,
// so even a faulty query could not write (READ-4). It never creates the
// database; a missing file is NOT_FOUND. SQLite may still create the WAL
// side files (-wal, -shm) next to it, which a WAL reader needs.
func OpenReadOnly(path string, opts ...Option) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, wire.Errorf(wire.CodeNotFound, "the database %s does not exist", path)
		}
		return nil, fmt.Errorf("sqlstore: opening %s: %w", path, err)
	}
	dsn, err := readOnlyDSN(path)
	if err != nil {
		return nil, err
	}
	db, err := open(dsn, readOnly, opts)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: opening %s read-only: %w", path, err)
	}
	return db, nil
}

func open(dsn string, acc access, opts []Option) (*DB, error) {
	s := defaultSettings()
	for _, opt := range opts {
		opt(&s)
	}
	connector, err := newGuardedConnector(dsn, acc, s.maxValueBytes)
	if err != nil {
		return nil, err
	}
	pool := sql.OpenDB(connector)
	pool.SetMaxOpenConns(poolSize)
	pool.SetMaxIdleConns(poolSize)
	if err := pool.Ping(); err != nil {
		pool.Close()
		return nil, err
	}
	return &DB{pool: pool, maxResultBytes: s.maxResultBytes, maxCallTime: s.maxCallTime}, nil
}

// setUp checks the journal mode (SQL-1) and creates the KV table (KV-2).
func (db *DB) setUp(ctx context.Context) error {
	return db.do(ctx, func(c *call) error {
		mode, err := c.journalMode()
		if err != nil {
			return err
		}
		if mode != "wal" {
			return fmt.Errorf("journal mode is %q, not wal", mode)
		}
		_, err = c.exec(createKVTable, nil, false)
		return err
	})
}

func (c *call) journalMode() (string, error) {
	c.guard.enter(false)
	var mode string
	err := c.conn.QueryRowContext(c.ctx, "PRAGMA journal_mode").Scan(&mode)
	return mode, err
}

// Close closes every connection. Calls made after Close fail.
func (db *DB) Close() error {
	return db.pool.Close()
}
