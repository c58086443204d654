package steps_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/clock"
)

var _ = Describe("step operations called from Go", func() {
	It("drive a runtime of the caller's own", func(ctx SpecContext) {
		fake := clock.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		rt, err := mockruntime.New(mockruntime.Options{Clock: fake, DataDir: GinkgoT().TempDir()})
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(func() {
			closeCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			Expect(rt.Close(closeCtx)).To(Succeed())
		})
		p, err := rt.Load(testeeManifest(), mockruntime.LoadOptions{})
		Expect(err).NotTo(HaveOccurred())
		env := harness.NewEnv(rt, fake, p)

		Expect(harness.Start(ctx, env, harness.StartArgs{})).To(Succeed())
		Expect(harness.Request(ctx, env, harness.RequestArgs{Action: "echo", Params: "hi", As: "r"})).To(Succeed())
		saved, ok := env.Vars.Get("r")
		Expect(ok).To(BeTrue())
		Expect(saved).To(HaveKeyWithValue("result", "hi"))
		Expect(harness.Advance(ctx, env, harness.Duration(5*time.Second))).To(Succeed())
		before := env.Cursor()
		Expect(harness.ExpectFrame(ctx, env, harness.ExpectFrameArgs{Match: map[string]any{"type": "pong"}})).To(Succeed())
		Expect(env.Cursor()).To(BeNumerically(">", before), "the cursor moves to the pong")

		err = harness.ExpectFrame(ctx, env, harness.ExpectFrameArgs{Match: map[string]any{"type": "pong"}, Within: harness.Duration(50 * time.Millisecond)})
		var failure *harness.StepFailure
		Expect(err).To(BeAssignableToTypeOf(failure), "only one pong after the cursor")
	}, SpecTimeout(time.Minute))
})
