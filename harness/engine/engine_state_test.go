package engine_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("state assertions", func() {
	// The runtime applies a service call when it reads it and records the
	// call in the transcript before that; with the answer held, no entry
	// follows the write. A state check must still see it: it cannot rely on
	// a transcript entry announcing every change of state.
	It("see what a call did while its answer is held", func() {
		sc := scenario(`
id: state.held-write
title: a held kv.set is seen by expect_kv and expect_sql
profile: sdk
manifest: {permissions: ["data.kv:self", "data.sql:self"]}
steps:
  - start
  - request: {action: sql.exec, params: {sql: "CREATE TABLE t(v TEXT)"}}
  - hold_answers: 2
  - request: {action: kv.set, params: {key: a, value: "1"}, wait: false, as: set}
  - expect_kv: {key: a, value: "1"}
  - request: {action: sql.run, params: {sql: "INSERT INTO t(v) VALUES ('x')"}, wait: false, as: insert}
  - expect_sql: {query: "SELECT v FROM t", rows: [{v: x}]}
  - await: {as: set}
  - await: {as: insert}
`)
		// The race this guards against lost about 4 runs in 10: run it
		// enough times that a regression shows.
		for range 12 {
			res, _ := execute(sc, testeeManifest(), harness.ExecOptions{})
			Expect(res.Verdict).To(Equal(harness.Pass), describeFailure(res))
		}
	})
})
