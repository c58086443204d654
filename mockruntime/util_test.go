package mockruntime_test

import (
	"encoding/json"
	"os"

	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
)

func optsZero() mockruntime.Options { return mockruntime.Options{} }

func writeJSON(path string, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	Expect(err).NotTo(HaveOccurred())
	Expect(os.WriteFile(path, b, 0o644)).To(Succeed())
}
