package mockruntime

import (
	"errors"
	"path/filepath"
	"sync"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
)

// pluginStore opens the plugin's private database on first use (SQL-1,
// KV-2) and keeps it across restarts (LIFE-16). Safe for concurrent use.
type pluginStore struct {
	p    *Plugin
	mu   sync.Mutex
	db   *sqlstore.DB // the plugin's own read-write handle
	ro   *sqlstore.DB // a read-only handle for other plugins' reads
	done bool
}

func (s *pluginStore) init(p *Plugin) { s.p = p }

// path is the database file of the plugin.
func (s *pluginStore) path() string { return filepath.Join(s.p.dataDir, "plugin.db") }

// get returns the open database, opening it if needed.
func (s *pluginStore) get() (*sqlstore.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil, errClosed
	}
	if s.db == nil {
		db, err := sqlstore.Open(s.path())
		if err != nil {
			return nil, err
		}
		s.db = db
	}
	return s.db, nil
}

// close closes the database; later calls to get fail.
func (s *pluginStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done = true
	var err error
	for _, db := range []*sqlstore.DB{s.db, s.ro} {
		if db != nil {
			err = errors.Join(err, db.Close())
		}
	}
	s.db, s.ro = nil, nil
	return err
}
