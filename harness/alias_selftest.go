package harness

import "github.com/conform-dev/conform/harness/selftest"

// The names below moved to package selftest; they stay here so library users keep compiling.

var DefaultSelftestParallel = selftest.DefaultSelftestParallel

type MutantFile = selftest.MutantFile

var Selftest = selftest.Selftest

type SelftestConfig = selftest.SelftestConfig
