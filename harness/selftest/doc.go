// Package selftest is `conform selftest`: it runs the built-in suites
// against the good fixture plugins and every mutant, and checks that the
// good ones pass and each mutant is caught by the scenarios meant to
// catch it, then writes the matrix.
//
// Selftest runs its cells in parallel through the Executor it is given
// (safe for concurrent use); its own bookkeeping stays on the calling
// goroutine.
//
// It may import engine, plan, scenario, result and mockruntime. It must
// not import the root harness package; nothing but the root imports it.
package selftest
