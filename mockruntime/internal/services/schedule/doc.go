// Package schedule serves schedule.register and schedule.cancel
// (CONFORMANCE.md §9.10) and fires each schedule every interval of the
// runtime's clock by sending schedule.fired to the plugin (TIME-1).
//
// Every method of *Table is safe for concurrent use; firings run on clock
// callbacks and send through service.Plugin.Notify, which never blocks. The
// package imports mockruntime/service, mockruntime/clock and
// mockruntime/wire; it must not import mockruntime or another service
// package.
package schedule
