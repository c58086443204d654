//go:build !race

package bus_test

// raceBuild: the race detector slows the transpiled SQLite about twentyfold.
const raceBuild = false
