package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

var _ = Describe("Opening a database", func() {
	ctx := context.Background()

	It("uses WAL journal mode with foreign keys on (SQL-1)", func() {
		db, _ := openTestDB()
		Expect(queryJSON(db, "PRAGMA journal_mode")).To(Equal(`[{"journal_mode":"wal"}]`))
		Expect(queryJSON(db, "PRAGMA foreign_keys")).To(Equal(`[{"foreign_keys":1}]`))
	})

	It("enforces foreign keys", func() {
		db, _ := openTestDB()
		mustExec(db, `CREATE TABLE parent (id INTEGER PRIMARY KEY);
			CREATE TABLE child (parent INTEGER REFERENCES parent (id))`)
		_, err := db.Run(ctx, "INSERT INTO child VALUES (7)", nil)
		Expect(err).To(beWireError(wire.CodeSQLError, map[string]any{"sqlite_code": "SQLITE_CONSTRAINT"}))
	})

	It("creates the _kv table and keeps data across reopening (KV-2)", func() {
		path := filepath.Join(GinkgoT().TempDir(), "plugin.db")
		db, err := sqlstore.Open(path)
		Expect(err).NotTo(HaveOccurred())
		Expect(db.KVSet(ctx, "greeting", "hello")).To(Succeed())
		mustExec(db, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('kept')")
		Expect(db.Close()).To(Succeed())

		db, err = sqlstore.Open(path)
		Expect(err).NotTo(HaveOccurred())
		defer db.Close()
		Expect(queryJSON(db, "SELECT key, value FROM _kv")).To(Equal(`[{"key":"greeting","value":"hello"}]`))
		Expect(queryJSON(db, "SELECT body FROM notes")).To(Equal(`[{"body":"kept"}]`))
	})

	It("accepts paths with characters that mean something in a URI", func() {
		path := filepath.Join(GinkgoT().TempDir(), "odd name?#%.db")
		db, err := sqlstore.Open(path)
		Expect(err).NotTo(HaveOccurred())
		defer db.Close()
		Expect(path).To(BeAnExistingFile())
	})

	Describe("read-only", func() {
		It("reports a missing database as NOT_FOUND and creates nothing", func() {
			path := filepath.Join(GinkgoT().TempDir(), "absent.db")
			_, err := sqlstore.OpenReadOnly(path)
			Expect(err).To(beWireError(wire.CodeNotFound, nil))
			Expect(path).NotTo(BeAnExistingFile())
		})

		It("reads what the owner wrote, while the owner has it open", func() {
			owner, path := openTestDB()
			mustExec(owner, "CREATE TABLE entries (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO entries (text) VALUES ('hi')")
			reader, err := sqlstore.OpenReadOnly(path)
			Expect(err).NotTo(HaveOccurred())
			defer reader.Close()
			rows, err := reader.Read(ctx, sqlstore.ReadQuery{Table: "entries", Select: []string{"id", "text"}})
			Expect(err).NotTo(HaveOccurred())
			Expect(marshal(rows)).To(Equal(`[{"id":1,"text":"hi"}]`))
		})

		It("refuses every write and changes nothing (READ-4)", func() {
			owner, path := openTestDB()
			mustExec(owner, "CREATE TABLE entries (text TEXT); INSERT INTO entries VALUES ('hi')")
			Expect(owner.KVSet(ctx, "k", "v")).To(Succeed())
			reader, err := sqlstore.OpenReadOnly(path)
			Expect(err).NotTo(HaveOccurred())
			defer reader.Close()
			before, err := os.ReadFile(path)
			Expect(err).NotTo(HaveOccurred())

			writeRefused := beWireError(wire.CodePermissionDenied, map[string]any{"reason": wire.ReasonCrossPluginWrite})
			_, err = reader.Run(ctx, "INSERT INTO entries VALUES ('x')", nil)
			Expect(err).To(writeRefused)
			Expect(reader.Exec(ctx, "CREATE TABLE more (a)")).To(writeRefused)
			Expect(reader.Exec(ctx, "DELETE FROM entries")).To(writeRefused)
			Expect(reader.KVSet(ctx, "k", "changed")).To(writeRefused)
			Expect(reader.KVDelete(ctx, "k")).To(writeRefused)

			Expect(os.ReadFile(path)).To(Equal(before))
			Expect(count(owner, "SELECT count(*) FROM entries")).To(BeEquivalentTo(1))
			value, ok, err := owner.KVGet(ctx, "k")
			Expect(err).NotTo(HaveOccurred())
			Expect(ok).To(BeTrue())
			Expect(value).To(Equal("v"))
		})
	})
})
