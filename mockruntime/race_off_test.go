//go:build !race

package mockruntime_test

const raceEnabled = false
