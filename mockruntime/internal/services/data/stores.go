package data

import (
	"errors"
	"io"
	"sync"
	"time"

	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// errClosed is the error of a plugin whose handles are closed.
var errClosed = errors.New("the runtime is closed")

// Stores holds the database and KV handles of every attached plugin. Safe
// for concurrent use.
type Stores struct {
	store service.Store
	kv    service.KVStore // nil: the database's own KV

	mu       sync.Mutex
	byPlugin map[service.Plugin]*pluginStore
}

// New returns the data services over store (nil: SQLite whose calls may
// run for sqlCallTime, 0 meaning its default) and kv (nil: the database's
// own KV).
func New(store service.Store, kv service.KVStore, sqlCallTime time.Duration) *Stores {
	if store == nil {
		store = SQLite{MaxCallTime: sqlCallTime}
	}
	return &Stores{store: store, kv: kv, byPlugin: map[service.Plugin]*pluginStore{}}
}

// Attach makes p's handles available; nothing is opened until first use.
func (s *Stores) Attach(p service.Plugin) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byPlugin[p] = &pluginStore{p: p, stores: s}
}

// Detach closes p's handles; later calls for p fail.
func (s *Stores) Detach(p service.Plugin) error {
	s.mu.Lock()
	ps := s.byPlugin[p]
	delete(s.byPlugin, p)
	s.mu.Unlock()
	if ps == nil {
		return nil
	}
	return ps.close()
}

// DatabaseFor returns p's own database, opening it if needed.
func (s *Stores) DatabaseFor(p service.Plugin) (service.Database, error) {
	ps, err := s.of(p)
	if err != nil {
		return nil, err
	}
	return ps.database()
}

// KVFor returns p's key/value store, opening it if needed.
func (s *Stores) KVFor(p service.Plugin) (service.KV, error) {
	ps, err := s.of(p)
	if err != nil {
		return nil, err
	}
	return ps.keyValue()
}

func (s *Stores) readerFor(p service.Plugin) (service.Reader, error) {
	ps, err := s.of(p)
	if err != nil {
		return nil, err
	}
	return ps.reader()
}

func (s *Stores) of(p service.Plugin) (*pluginStore, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ps := s.byPlugin[p]; ps != nil {
		return ps, nil
	}
	return nil, errClosed
}

// pluginStore opens one plugin's handles on first use (SQL-1, KV-2) and
// keeps them across restarts of its process (LIFE-16). Safe for concurrent
// use.
type pluginStore struct {
	p      service.Plugin
	stores *Stores
	mu     sync.Mutex
	db     service.Database // the plugin's own read-write handle
	kv     service.KV       // from the KVStore; nil when the database serves KV
	ro     service.Reader   // a read-only handle for other plugins' reads
	done   bool
}

func (ps *pluginStore) database() (service.Database, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.databaseLocked()
}

func (ps *pluginStore) databaseLocked() (service.Database, error) {
	if ps.done {
		return nil, errClosed
	}
	if ps.db == nil {
		db, err := ps.stores.store.Open(ps.p)
		if err != nil {
			return nil, err
		}
		ps.db = db
	}
	return ps.db, nil
}

// keyValue returns the KVStore's handle, or the database when the host set
// no KVStore.
func (ps *pluginStore) keyValue() (service.KV, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.stores.kv == nil {
		db, err := ps.databaseLocked()
		if err != nil {
			return nil, err
		}
		kv, ok := db.(service.KV)
		if !ok {
			return nil, wire.Errorf(wire.CodeUnavailable, "the plugin's database keeps no key/value store, and the host set no KV backend")
		}
		return kv, nil
	}
	if ps.done {
		return nil, errClosed
	}
	if ps.kv == nil {
		kv, err := ps.stores.kv.Open(ps.p)
		if err != nil {
			return nil, err
		}
		ps.kv = kv
	}
	return ps.kv, nil
}

// reader returns the read-only handle for other plugins' reads, opened on
// first use (READ-3).
func (ps *pluginStore) reader() (service.Reader, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.done {
		return nil, errClosed
	}
	if ps.ro == nil {
		ro, err := ps.stores.store.OpenReader(ps.p)
		if err != nil {
			return nil, err
		}
		ps.ro = ro
	}
	return ps.ro, nil
}

// close closes every handle; later calls fail.
func (ps *pluginStore) close() error {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.done = true
	var err error
	// A nil handle converts to a nil io.Closer: only opened ones are closed.
	for _, c := range []io.Closer{ps.db, ps.kv, ps.ro} {
		if c != nil {
			err = errors.Join(err, c.Close())
		}
	}
	ps.db, ps.kv, ps.ro = nil, nil, nil
	return err
}
