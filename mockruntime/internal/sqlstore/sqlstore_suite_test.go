package sqlstore_test

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestSQLStore(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "SQLStore Suite")
}
