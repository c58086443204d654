package sqlstore_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"modernc.org/sqlite"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
)

var _ = Describe("The guard's rules", func() {
	const (
		readWriteDB = false
		readOnlyDB  = true
		plugin      = true
		runtime     = false
	)

	DescribeTable("decide per action",
		func(readOnly, user bool, action sqlite.AuthorizerActionCode, arg1, arg2, refused string) {
			Expect(sqlstore.Decide(readOnly, user, action, arg1, arg2)).To(Equal(refused))
		},
		Entry("VACUUM INTO's attach, even for the runtime", readWriteDB, runtime, sqlite.AuthAttach, "/tmp/copy.db", "", "ATTACH"),
		Entry("plain VACUUM's unnamed attach, for the runtime", readWriteDB, runtime, sqlite.AuthAttach, "", "", ""),
		Entry("an unnamed attach by the plugin", readWriteDB, plugin, sqlite.AuthAttach, "", "", "ATTACH"),
		Entry("DETACH", readWriteDB, runtime, sqlite.AuthDetach, "x", "", "DETACH"),
		Entry("load_extension in any case", readWriteDB, runtime, sqlite.AuthFunction, "", "LOAD_EXTENSION", "load_extension"),
		Entry("another function", readWriteDB, plugin, sqlite.AuthFunction, "", "upper", ""),
		Entry("the runtime's BEGIN", readWriteDB, runtime, sqlite.AuthTransaction, "BEGIN", "", ""),
		Entry("the plugin's COMMIT", readWriteDB, plugin, sqlite.AuthTransaction, "COMMIT", "", "COMMIT"),
		Entry("the plugin's RELEASE", readWriteDB, plugin, sqlite.AuthSavepoint, "RELEASE", "s", "RELEASE"),
		Entry("the plugin's ROLLBACK TO", readWriteDB, plugin, sqlite.AuthSavepoint, "ROLLBACK", "s", "ROLLBACK TO"),
		Entry("a pragma query", readWriteDB, plugin, sqlite.AuthPragma, "Journal_Mode", "", ""),
		Entry("a pragma write", readWriteDB, plugin, sqlite.AuthPragma, "Journal_Mode", "wal", "PRAGMA journal_mode"),
		Entry("a schema pragma with its argument", readWriteDB, plugin, sqlite.AuthPragma, "index_info", "idx", ""),
		Entry("an INSERT on the own database", readWriteDB, plugin, sqlite.AuthInsert, "t", "", ""),
		Entry("an INSERT on a read-only database", readOnlyDB, runtime, sqlite.AuthInsert, "t", "", "INSERT"),
		Entry("a PRAGMA on a read-only database", readOnlyDB, runtime, sqlite.AuthPragma, "user_version", "", "PRAGMA user_version"),
		Entry("a read on a read-only database", readOnlyDB, runtime, sqlite.AuthRead, "t", "c", ""),
	)
})
