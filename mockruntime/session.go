package mockruntime

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/framing"
	"github.com/conform-dev/conform/mockruntime/internal/proc"
)

// session is one process of a plugin, from spawn to reaping. It owns the
// process, its pipes, its writer and every timer tied to that process. Its
// fields under mu change from the reader goroutine, service-call goroutines,
// clock callbacks and host calls; everything else is set once at start.
type session struct {
	p       *Plugin
	rt      *Runtime
	proc    *proc.Process
	w       *framing.Writer
	ctx     context.Context // ends when the process has exited
	cancel  context.CancelFunc
	exited  chan struct{} // closed once the process is reaped and cleaned up
	readers sync.WaitGroup
	// handling counts inbound frames recorded but not yet acted on, so
	// the host can wait for the runtime to catch up with what it has seen
	// (Runtime.Advance).
	handling inFlight
	handle   *processHandle // the session as services see it
	// calls counts the plugin's service calls being served, for
	// backpressure (FRAME-25, backpressure.go).
	calls atomic.Int64

	mu             sync.Mutex
	ready          bool
	released       bool // requests may be sent (ready, and serve_ready if opted in)
	serveReady     bool
	stopRequested  bool
	killReason     string
	pending        map[string]*pendingRequest
	timedOut       map[string]bool
	abandoned      map[string]bool
	askSeq         uint64            // counts the requests and notifications sent (NOTE-2)
	lastNote       string            // the type of the newest notification sent
	lastNoteAt     uint64            // askSeq when it was sent
	notesSent      map[string]bool   // the types of the notifications sent: a handful, §11 (NOTE-2)
	unknownSent    map[string]string // id -> type of the frames of unknown type the host sent (ENV-4); at most maxUnknownSent
	openCalls      map[string]bool   // service-call ids awaiting their answer
	usedCalls      map[string]bool   // service-call ids this process has used
	pings          map[string]*ping
	pingSeq        uint64
	missed         int
	handshakeTimer clock.Timer
	serveTimer     clock.Timer
	pingTimer      clock.Timer
	resetTimer     clock.Timer
	heldRequests   int
}

// startSession spawns the plugin's process and starts its readers and
// writer. The caller holds p.mu.
func startSession(p *Plugin) (*session, error) {
	m := p.manifest
	pr, err := proc.Start(proc.Spec{Argv: m.Backend.Command, Dir: m.Dir, Env: pluginEnv(m)})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &session{
		p: p, rt: p.rt, proc: pr, ctx: ctx, cancel: cancel,
		w:         framing.NewWriter(pr.Stdin),
		exited:    make(chan struct{}),
		pending:   map[string]*pendingRequest{},
		timedOut:  map[string]bool{},
		abandoned: map[string]bool{},
		openCalls: map[string]bool{},
		usedCalls: map[string]bool{},
		pings:     map[string]*ping{},
	}
	s.handle = &processHandle{s}
	s.rt.decide(p.Slug(), "spawn", "LIFE-1", fmt.Sprintf("started %q (pid %d)", m.Backend.Command, pr.Pgid), map[string]any{"pid": pr.Pgid})
	s.armHandshake() // before the readers: a fast ready must find the timer set
	s.readers.Add(2)
	go s.readStdout()
	go s.readStderr()
	go s.awaitExit()
	return s, nil
}

// pluginEnv is the runtime's environment plus the plugin's (LIFE-4).
func pluginEnv(m *Manifest) []string {
	env := append(os.Environ(), "CONFORM_PLUGIN_SLUG="+m.Slug)
	for k, v := range m.Backend.Env {
		env = append(env, k+"="+v)
	}
	return env
}

// isReady reports whether the session sent ready and requests may flow:
// not once the runtime has decided to kill it, so no request is written to
// a process on its way out.
func (s *session) isReady() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ready && s.released && s.killReason == ""
}

// done reports whether the process has been reaped.
func (s *session) done() bool {
	select {
	case <-s.exited:
		return true
	default:
		return false
	}
}

// violation records a broken rule in the transcript.
func (s *session) violation(rule, detail string, data map[string]any) {
	s.rt.decide(s.p.Slug(), "violation", rule, detail, data)
}

// kill ends the process with SIGKILL to its group, remembering why so the
// exit is reported as a crash caused by the runtime. Safe to call more than
// once and after exit.
func (s *session) kill(reason, rule, detail string) {
	s.mu.Lock()
	first := s.killReason == ""
	if first {
		s.killReason = reason
	}
	s.mu.Unlock()
	if !first || s.done() {
		return
	}
	s.rt.decide(s.p.Slug(), "kill", rule, detail, map[string]any{"reason": reason})
	s.proc.SignalGroup(syscall.SIGKILL)
	s.w.Abort()
}

// stopTimers cancels every timer of the session.
func (s *session) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range []clock.Timer{s.handshakeTimer, s.serveTimer, s.pingTimer, s.resetTimer} {
		if t != nil {
			t.Stop()
		}
	}
	for _, pg := range s.pings {
		if pg.deadline != nil {
			pg.deadline.Stop()
		}
	}
}

// readerGrace bounds how long the exit path waits for the pipe readers after
// the process group is gone; a descendant that escaped the group could keep
// a pipe open forever.
const readerGrace = time.Second
