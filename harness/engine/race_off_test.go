//go:build !race

package engine_test

// raceDetector is true under -race, which slows SQLite about tenfold.
const raceDetector = false
