//go:build !race

package engine_test

// raceScale stretches the real-time bounds of one seed scenario: the
// race detector slows SQLite, which runs in this process, about tenfold,
// and envelope.runtime-calls-independent's deliberately slow query would
// pass the 5 s SQL deadline (SQL-9) unstretched.
const raceScale = 1
