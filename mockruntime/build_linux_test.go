package mockruntime_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
)

// hostileBuild loads a fixture of fixtures/hostile and marks the processes
// its build starts (they inherit this process's environment).
func hostileBuild(name string) (*mockruntime.Manifest, string) {
	m, err := mockruntime.LoadManifest("../fixtures/hostile/"+name+"/manifest.json", nil)
	Expect(err).NotTo(HaveOccurred())
	var b [6]byte
	_, _ = rand.Read(b[:])
	mark := hex.EncodeToString(b[:])
	Expect(os.Setenv("CONFORM_HOSTILE_MARK", mark)).To(Succeed())
	DeferCleanup(os.Unsetenv, "CONFORM_HOSTILE_MARK")
	return m, mark
}

var _ = Describe("hostile build steps (LIFE-2)", func() {
	It("kills a build that never ends, with its group, at the build timeout", func() {
		m, mark := hostileBuild("build-hang")
		Expect(marked(mark)).To(BeEmpty())
		cache := mockruntime.NewBuildCacheWith(mockruntime.BuildLimits{Timeout: 300 * time.Millisecond})
		err := cache.Build(context.Background(), m)
		Expect(errors.Is(err, mockruntime.ErrBuildTimeout)).To(BeTrue(), "%v", err)
		var be *mockruntime.BuildError
		Expect(errors.As(err, &be)).To(BeTrue())
		Expect(be.Output).To(ContainSubstring("building forever"))
		Eventually(func() []markedProc { return marked(mark) }).Should(BeEmpty())
		Eventually(zombieChildren).Should(BeZero())
	})

	It("kills a build that never ends when its context is cancelled", func() {
		m, mark := hostileBuild("build-hang")
		ctx, cancel := context.WithCancel(context.Background())
		result := make(chan error, 1)
		go func() { result <- mockruntime.NewBuildCache().Build(ctx, m) }()
		// The build and both its sleeps are running, then the run is cancelled.
		Eventually(func() int { return len(marked(mark)) }).Should(BeNumerically(">=", 3))
		cancel()
		var err error
		Eventually(result).Should(Receive(&err))
		Expect(errors.Is(err, context.Canceled)).To(BeTrue(), "%v", err)
		Eventually(func() []markedProc { return marked(mark) }).Should(BeEmpty())
	})

	It("does not wait for a background child that holds the output of a build that succeeded, and kills it", func() {
		m, mark := hostileBuild("build-background-stdout")
		// The default timeout: only the WaitDelay and the kill of the
		// group end this build's wait for end of file.
		result := make(chan error, 1)
		go func() { result <- mockruntime.NewBuildCache().Build(context.Background(), m) }()
		Eventually(result, 30*time.Second).Should(Receive(BeNil()))
		Eventually(func() []markedProc { return marked(mark) }).Should(BeEmpty())
	})

	It("keeps a bounded tail of a flood of build output, ending with the error", func() {
		m, _ := hostileBuild("build-flood")
		err := mockruntime.NewBuildCacheWith(mockruntime.BuildLimits{OutputBytes: 4096}).Build(context.Background(), m)
		var be *mockruntime.BuildError
		Expect(errors.As(err, &be)).To(BeTrue(), "%v", err)
		Expect(len(be.Output)).To(BeNumerically("<=", 4096+200))
		Expect(be.Output).To(ContainSubstring("bytes of earlier output dropped"))
		Expect(strings.TrimSpace(be.Output)).To(HaveSuffix("LAST-LINE"))
		Expect(be.Error()).To(ContainSubstring("exit status 3"))
	})
})
