package sqlstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"github.com/onsi/gomega/types"

	"github.com/conform-dev/conform/mockruntime/internal/sqlstore"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// openTestDB opens a fresh database in the spec's temporary folder and
// closes it when the spec ends. It returns the database's path too.
func openTestDB(opts ...sqlstore.Option) (*sqlstore.DB, string) {
	path := filepath.Join(GinkgoT().TempDir(), "plugin.db")
	db, err := sqlstore.Open(path, opts...)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(db.Close)
	return db, path
}

// mustExec runs SQL the spec needs as a starting point.
func mustExec(db *sqlstore.DB, text string) {
	GinkgoHelper()
	Expect(db.Exec(context.Background(), text)).To(Succeed())
}

// queryJSON runs a query and returns its result as JSON text.
func queryJSON(db *sqlstore.DB, text string, args ...any) string {
	GinkgoHelper()
	rows, err := db.Query(context.Background(), text, args)
	Expect(err).NotTo(HaveOccurred())
	return marshal(rows)
}

// count returns the single integer a query such as SELECT count(*) yields.
func count(db *sqlstore.DB, text string) int64 {
	GinkgoHelper()
	rows, err := db.Query(context.Background(), text, nil)
	Expect(err).NotTo(HaveOccurred())
	Expect(rows).To(HaveLen(1))
	return rows[0].Values()[0].(int64)
}

func marshal(v any) string {
	GinkgoHelper()
	b, err := json.Marshal(v)
	Expect(err).NotTo(HaveOccurred())
	return string(b)
}

// num is a JSON number as the runtime decodes it (UseNumber).
func num(s string) json.Number { return json.Number(s) }

// beWireError matches a *wire.Error with the given code whose context holds
// at least the given keys and values.
func beWireError(code string, context map[string]any) types.GomegaMatcher {
	return WithTransform(func(err error) (*wire.Error, error) {
		var we *wire.Error
		if !errors.As(err, &we) {
			return nil, errors.New("not a *wire.Error")
		}
		return we, nil
	}, SatisfyAll(
		HaveField("Code", code),
		HaveField("Context", includeContext(context)),
	))
}

func includeContext(want map[string]any) types.GomegaMatcher {
	matchers := []types.GomegaMatcher{}
	for k, v := range want {
		matchers = append(matchers, HaveKeyWithValue(k, v))
	}
	return SatisfyAll(matchers...)
}

// refused matches the PERMISSION_DENIED answer to a refused statement.
func refused(action string) types.GomegaMatcher {
	return beWireError(wire.CodePermissionDenied, map[string]any{
		"reason": wire.ReasonStatementNotAllowed,
		"action": action,
	})
}

// folderEntries lists the names in the folder holding path.
func folderEntries(path string) []string {
	GinkgoHelper()
	entries, err := os.ReadDir(filepath.Dir(path))
	Expect(err).NotTo(HaveOccurred())
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}
