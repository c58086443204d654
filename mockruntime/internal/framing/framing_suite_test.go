package framing

import (
	"testing"

	g "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

func TestFraming(t *testing.T) {
	RegisterFailHandler(g.Fail)
	g.RunSpecs(t, "framing")
}
