package mockruntime

import (
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/services/data"
	"github.com/conform-dev/conform/mockruntime/service"
)

// DefaultSQLCallTime is how long, in real time, one operation of the
// built-in SQLite store may run (SQL-9).
const DefaultSQLCallTime = data.DefaultSQLCallTime

// Timing holds every duration the runtime owns (CONFORMANCE.md §13). All of
// them are measured on Options.Clock.
type Timing struct {
	HandshakeTimeout  time.Duration
	ServeReadyTimeout time.Duration
	PingInterval      time.Duration
	PongDeadline      time.Duration
	MissedPings       int
	RequestTimeout    time.Duration
	ShutdownGrace     time.Duration
	TermGrace         time.Duration
	RestartBase       time.Duration
	RestartMax        time.Duration
	RestartReset      time.Duration
	MaxRestarts       int
	AckDeadline       time.Duration
	RedeliveryBase    time.Duration
	RedeliveryMax     time.Duration
	MaxAttempts       int
}

// DefaultTiming returns the defaults of CONFORMANCE.md §13.
func DefaultTiming() Timing {
	return Timing{
		HandshakeTimeout:  10 * time.Second,
		ServeReadyTimeout: 30 * time.Second,
		PingInterval:      5 * time.Second,
		PongDeadline:      3 * time.Second,
		MissedPings:       3,
		RequestTimeout:    30 * time.Second,
		ShutdownGrace:     5 * time.Second,
		TermGrace:         2 * time.Second,
		RestartBase:       time.Second,
		RestartMax:        30 * time.Second,
		RestartReset:      60 * time.Second,
		MaxRestarts:       5,
		AckDeadline:       30 * time.Second,
		RedeliveryBase:    time.Second,
		RedeliveryMax:     30 * time.Second,
		MaxAttempts:       5,
	}
}

// Options configure a Runtime. The zero value is usable: wall clock,
// default timing, a temporary data folder removed on Close.
type Options struct {
	// DataDir holds the databases, files and bus of every plugin. Empty
	// means a fresh temporary folder, removed by Close.
	DataDir string
	// Clock is the one source of time (TIME-1). Nil means the wall clock.
	Clock clock.Clock
	// Timing overrides the defaults; zero fields keep their default.
	Timing Timing
	// NoRestart disables the automatic restart after a crash (LIFE-14), for
	// hosts that restart plugins themselves.
	NoRestart bool
	// Builds shares build results between runtimes, so each build step runs
	// once per process however many runtimes start the plugin (LIFE-2). Nil
	// means a cache private to this runtime, bounded by BuildTimeout.
	Builds *BuildCache
	// BuildTimeout bounds each build step of the private cache (0:
	// DefaultBuildTimeout). A shared cache has its own (NewBuildCacheWith).
	BuildTimeout time.Duration
	// TranscriptLimit bounds the entries kept in the transcript (0: 200,000).
	TranscriptLimit int
	// TranscriptBytes bounds the bytes the transcript keeps (0: 32 MiB,
	// DefaultTranscriptBytes; TRN-2).
	TranscriptBytes int
	// LogLines bounds each plugin's log buffer (0: 1,000 lines).
	LogLines int
	// LogBytes bounds the text each plugin's log buffer keeps (0: 1 MiB,
	// DefaultLogBytes; FRAME-28).
	LogBytes int
	// CheckOutbound validates every frame the runtime sends against its
	// schema before sending it; a failure is recorded as a violation of the
	// runtime itself. For the runtime's own tests.
	CheckOutbound bool

	// TranscriptSink, when set, receives every transcript entry as it is
	// recorded, in addition to the in-memory Transcript (which the host
	// API, the matchers and the harness read, and which TranscriptLimit
	// bounds).
	TranscriptSink TranscriptSink

	// Store, KV, Fetch, Resources, Voice, Permissions and Core are the
	// backends of the built-in services (package service); a nil one is
	// the built-in default. Whatever the backend, the runtime checks every
	// call's params and capability before the backend sees it (FRAME-24,
	// CAP-1).
	//
	// Store opens each plugin's database for data.sql, data.read and the
	// host's Plugin.Query and Plugin.Exec. Nil: SQLite, <data dir>/plugins/
	// <slug>/plugin.db.
	Store service.Store
	// SQLCallTime bounds, in real time, one operation of the built-in
	// SQLite Store before SQLite is interrupted and the call fails with
	// SQL_ERROR (0: DefaultSQLCallTime, SQL-9). A host on a slow machine
	// (the race detector, a loaded CI runner) stretches it as it
	// stretches its other real-time bounds. Ignored when Store is set.
	SQLCallTime time.Duration
	// KV opens each plugin's key/value store for data.kv and Plugin.KV.
	// Nil: the plugin's database, when it implements service.KV (the
	// built-in SQLite one does, with its _kv table); otherwise data.kv
	// answers UNAVAILABLE.
	KV service.KVStore
	// Fetch answers http.fetch. Nil: the responses set with
	// SetFetchResponse, NETWORK_ERROR for any other URL.
	Fetch service.Fetcher
	// Resources, Voice, Permissions and Core answer the platform calls of
	// §9.12 (resources.get and resources.list; voice.tokens and
	// voice.moderation; permissions.check; core.users.get and
	// core.categories.list). Nil: the answers set with SetAnswer,
	// UNAVAILABLE when none is set.
	Resources   service.Platform
	Voice       service.Platform
	Permissions service.Platform
	Core        service.Platform

	// Services are registered after the built-in ones: a service with the
	// name of a built-in one replaces it (keeping the capability the
	// built-in one needs, CAP-1), any other is added. A service the
	// schemas do not describe gets its params unchecked. events.publish,
	// events.subscribe and events.unsubscribe are answered with an
	// event.ack (EVT-6) whoever serves them, every other with a response.
	Services []service.Service
}

func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	o.Timing = o.Timing.withDefaults()
	if o.Builds == nil {
		o.Builds = NewBuildCacheWith(BuildLimits{Timeout: o.BuildTimeout})
	}
	if o.LogLines <= 0 {
		o.LogLines = 1000
	}
	if o.LogBytes <= 0 {
		o.LogBytes = DefaultLogBytes
	}
	return o
}

func (t Timing) withDefaults() Timing {
	d := DefaultTiming()
	pick := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	pick(&t.HandshakeTimeout, d.HandshakeTimeout)
	pick(&t.ServeReadyTimeout, d.ServeReadyTimeout)
	pick(&t.PingInterval, d.PingInterval)
	pick(&t.PongDeadline, d.PongDeadline)
	pick(&t.RequestTimeout, d.RequestTimeout)
	pick(&t.ShutdownGrace, d.ShutdownGrace)
	pick(&t.TermGrace, d.TermGrace)
	pick(&t.RestartBase, d.RestartBase)
	pick(&t.RestartMax, d.RestartMax)
	pick(&t.RestartReset, d.RestartReset)
	pick(&t.AckDeadline, d.AckDeadline)
	pick(&t.RedeliveryBase, d.RedeliveryBase)
	pick(&t.RedeliveryMax, d.RedeliveryMax)
	if t.MissedPings <= 0 {
		t.MissedPings = d.MissedPings
	}
	if t.MaxRestarts <= 0 {
		t.MaxRestarts = d.MaxRestarts
	}
	if t.MaxAttempts <= 0 {
		t.MaxAttempts = d.MaxAttempts
	}
	return t
}
