package mockruntime_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

var _ = Describe("answers to notifications (NOTE-2)", func() {
	It("charges NOTE-2, not ENV-8, for a response under a notification's type, even with a request awaiting its answer", func() {
		w := newWorld(optsZero())
		p := w.load(fakeManifest("note-type-as-id"), settingsOverrides)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		Expect(p.Start(ctx)).To(Succeed())
		w.ready(p)
		Expect(p.SetSetting("max_length", 42, "admin-1")).To(Succeed())
		Eventually(func() []map[string]any { return sentFrames(w.rt, p.Slug(), "core.plugin.config_changed") }).Should(HaveLen(1))

		held, stop := context.WithCancel(ctx)
		defer stop()
		go p.Request(held, mockruntime.Request{Action: "anything"}) // never answered; the plugin answers the notification instead

		Eventually(w.rt.Transcript).Should(match.HaveViolation("NOTE-2"))
		Expect(w.rt.Transcript()).NotTo(match.HaveViolation("ENV-8"))
	})
})
