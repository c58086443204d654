package validate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

// validation is the outcome of one harness.Validate call.
type validation struct {
	code           int
	stdout, stderr string
}

// validate runs harness.Validate with buffers.
func validate(cfg harness.ValidateConfig) validation {
	var stdout, stderr bytes.Buffer
	code := harness.Validate(context.Background(), cfg, &stdout, &stderr)
	return validation{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// tempFile writes content to a new file in a folder removed after the spec
// and returns its path.
func tempFile(name, content string) string {
	path := filepath.Join(GinkgoT().TempDir(), name)
	Expect(os.WriteFile(path, []byte(content), 0o644)).To(Succeed())
	return path
}

// fixture returns the path of a file below fixtures/.
func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "fixtures"}, parts...)...)
}
