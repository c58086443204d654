package validate_test

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/conform-dev/conform/harness"
)

var _ = Describe("Validate", func() {
	frames := func(direction string, files ...string) harness.ValidateConfig {
		return harness.ValidateConfig{As: harness.ValidateFrames, Direction: direction, Files: files}
	}

	Describe("reading input", func() {
		It("reads NDJSON, skipping blank lines and taking CRLF as a line end", func() {
			path := tempFile("frames.ndjson", "\n{\"type\":\"ready\"}\r\n   \n{\"type\":\"pong\",\"id\":\"\"}\r\n\n{\"type\":\"serve_ready\"}")
			got := validate(frames(harness.DirectionPlugin, path))
			Expect(got.code).To(Equal(1))
			Expect(got.stdout).To(Equal(path + ":4: /id: length must be >= 1, but got 0 [ENV-2]\n"))
			Expect(got.stderr).To(Equal("checked 3 documents in 1 file: 1 invalid\n"))
		})

		It("reads one document spanning lines, reporting the line of the offending value", func() {
			path := tempFile("manifest.json", "\n\n{\n  \"slug\": \"Guestbook\",\n  \"version\": \"1.0.0\"\n}\n")
			got := validate(harness.ValidateConfig{As: harness.ValidateManifests, Files: []string{path}})
			Expect(got.code).To(Equal(1))
			Expect(got.stdout).To(HavePrefix(path + ":4: /slug: not a slug"))
		})

		It("reports a missing member of a document spanning lines on the line of its object", func() {
			path := tempFile("manifest.json", "{\n  \"slug\": \"guestbook\",\n  \"version\": \"1.0.0\",\n  \"backend\": {\n  }\n}\n")
			got := validate(harness.ValidateConfig{As: harness.ValidateManifests, Files: []string{path}})
			Expect(got.code).To(Equal(1))
			Expect(got.stdout).To(Equal(path + ":4: /backend/command: missing required member [MAN-4]\n"))
		})

		It("names the line of a syntax error in a document spanning lines, with exit 2", func() {
			path := tempFile("manifest.json", "{\n  \"slug\": \"guestbook\",\n  \"version\": 1.0.0\n}\n")
			got := validate(harness.ValidateConfig{As: harness.ValidateManifests, Files: []string{path}})
			Expect(got.code).To(Equal(2))
			Expect(got.stdout).To(BeEmpty())
			Expect(got.stderr).To(HavePrefix(path + ":3: not a JSON document: invalid character '.' after object key:value pair\n"))
		})

		It("reports every NDJSON line that is not JSON, checks the others, and exits 2", func() {
			path := tempFile("frames.ndjson", "{\"type\":\"ready\"}\nnot json\n{\"type\":\"pong\",\"id\":\"\"}\n{\"type\":\n")
			got := validate(frames(harness.DirectionPlugin, path))
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(ContainSubstring(path + ":2: not a JSON document: invalid character 'o' in literal null (expecting 'u')\n"))
			Expect(got.stderr).To(ContainSubstring(path + ":4: not a JSON document: unexpected EOF\n"))
			Expect(got.stdout).To(Equal(path + ":3: /id: length must be >= 1, but got 0 [ENV-2]\n"))
		})

		It("refuses invalid UTF-8 as not JSON (FRAME-19)", func() {
			path := tempFile("frame.ndjson", "IPC:{\"type\":\"pong\",\"id\":\"\xff\"}\n")
			got := validate(frames(harness.DirectionAuto, path))
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(HavePrefix(path + ":1: not a JSON document: invalid UTF-8\n"))
		})

		It("counts an empty file as no documents", func() {
			got := validate(frames(harness.DirectionAuto, tempFile("empty.ndjson", "\n\n")))
			Expect(got.code).To(Equal(0))
			Expect(got.stderr).To(Equal("checked 0 documents in 1 file: 0 invalid\n"))
		})

		It("reads standard input for -", func() {
			cfg := frames(harness.DirectionRuntime, "-")
			cfg.Stdin = strings.NewReader(`{"type":"ping","ts":"x"}`)
			got := validate(cfg)
			Expect(got.code).To(Equal(1))
			Expect(got.stdout).To(Equal("stdin:1: /ts: expected integer, but got string [WD-1]\n"))
		})

		It("reports an unreadable file with exit 2 and goes on with the others", func() {
			good := tempFile("ok.ndjson", `{"type":"ready"}`)
			got := validate(frames(harness.DirectionPlugin, "/no/such/file.ndjson", good))
			Expect(got.code).To(Equal(2))
			Expect(got.stderr).To(Equal("conform validate: open /no/such/file.ndjson: no such file or directory\nchecked 1 document in 2 files: 0 invalid\n"))
		})
	})

	Describe("frames", func() {
		It("checks the params of a known service and reports them under /params", func() {
			path := tempFile("call.json", `{"type":"events.subscribe","id":"c-1","params":{"pattern":"a.*","options":{"max_in_flight":0}}}`)
			got := validate(frames(harness.DirectionPlugin, path))
			Expect(got.stdout).To(Equal(path + ":1: /params/options/max_in_flight: must be >= 1 but found 0 [FRAME-24]\n"))
		})

		It("checks a call of an unknown service against the envelope only", func() {
			Expect(validate(frames(harness.DirectionPlugin, tempFile("call.json", `{"type":"weather.get","id":"c-1","params":{"x":1}}`))).code).To(Equal(0))
		})

		Describe("with --direction auto", func() {
			It("takes an IPC: line as coming from the plugin", func() {
				// A ping from the plugin is a call of an unknown service, which needs an id.
				path := tempFile("stdout.log", "IPC:{\"type\":\"ping\"}\n{\"type\":\"ping\",\"ts\":\"x\"}\n")
				got := validate(frames(harness.DirectionAuto, path))
				Expect(got.stdout).To(Equal(path + ":1: /id: missing required member [ENV-2]\n" + path + ":2: /ts: expected integer, but got string [WD-1]\n"))
			})

			It("takes the direction of a type known in one direction only", func() {
				path := tempFile("frames.ndjson", `{"type":"request","id":"r-1"}`+"\n"+`{"type":"ping","id":"p-1","ts":"x"}`+"\n")
				got := validate(frames(harness.DirectionAuto, path))
				Expect(got.stdout).To(Equal(path + ":1: missing properties: 'action', 'params', 'user' [REQ-1]\n" + path + ":2: /ts: expected integer, but got string [WD-1]\n"))
			})

			It("accepts a type known in both directions when either accepts it", func() {
				// Without a subscription this is the runtime's ack of a call.
				path := tempFile("ack.ndjson", `{"type":"event.ack","id":"c-1","ok":true,"event_id":"e-1"}`+"\n")
				Expect(validate(frames(harness.DirectionAuto, path)).code).To(Equal(0))
				Expect(validate(frames(harness.DirectionPlugin, path)).code).To(Equal(1))
			})

			It("reports a type known in both directions against the plugin when neither accepts it", func() {
				path := tempFile("ack.ndjson", `{"type":"event.ack","id":"c-1","ok":false}`+"\n")
				got := validate(frames(harness.DirectionAuto, path))
				Expect(got.stdout).To(Equal(path + ":1: /error: missing required member (and 1 more) [EVT-12]\n"))
			})

			It("accepts a frame of a type known in neither direction that either accepts", func() {
				Expect(validate(frames(harness.DirectionAuto, tempFile("new.json", `{"type":"runtime.new_thing"}`))).code).To(Equal(0))
			})
		})
	})

	Describe("transcripts", func() {
		entry := func(seq int, rest string) string {
			return `{"seq":` + strconv.Itoa(seq) + `,"t":0,"plugin":"gb",` + rest + "}\n"
		}

		It("checks each entry, and its frame in its direction under /frame", func() {
			path := tempFile("t.ndjson",
				entry(1, `"kind":"frame","dir":"out","frame":{"type":"ping","id":"p-1","ts":"x"}`)+
					entry(2, `"kind":"frame","dir":"in","frame":{"type":"ping","id":"p-1","ts":"x"}`)+
					entry(3, `"kind":"frame","dir":"in","frame":{"type":"data.kv","id":"c","params":{"op":"get"}}`)+
					entry(4, `"kind":"log","stream":"stdin","line":"x"`))
			got := validate(harness.ValidateConfig{As: harness.ValidateTranscripts, Files: []string{path}})
			Expect(got.code).To(Equal(1))
			Expect(got.stdout).To(Equal(
				path + ":1: /frame/ts: expected integer, but got string [WD-1]\n" +
					path + ":3: /frame/params/key: missing required member [FRAME-24]\n" +
					path + `:4: /stream: value must be one of "stdout", "stderr"` + "\n"))
		})

		It("does not check the frame of an entry that keeps only its envelope", func() {
			path := tempFile("t.ndjson", entry(1, `"kind":"frame","dir":"out","frame":{"type":"request","id":"r-1"},"elided_bytes":300000`))
			Expect(validate(harness.ValidateConfig{As: harness.ValidateTranscripts, Files: []string{path}}).code).To(Equal(0))
		})

		It("accepts one meta entry as the first line, as run --transcripts writes it, and refuses one anywhere else", func() {
			meta := `{"kind":"meta","scenario":{"id":"x","steps":["start"]},"source":{"file":"x.yaml","line":1},"plugin":"fake","plugin_path":"fake/manifest.json","profile":"plugin","verdict":"fail"}` + "\n"
			replayable := tempFile("r.ndjson", meta+entry(1, `"kind":"decision","decision":"spawn"`)+entry(2, `"kind":"decision","decision":"ready"`))
			got := validate(harness.ValidateConfig{As: harness.ValidateTranscripts, Files: []string{replayable}})
			Expect(got.code).To(Equal(0), got.stdout)
			late := tempFile("l.ndjson", entry(1, `"kind":"decision","decision":"spawn"`)+meta)
			got = validate(harness.ValidateConfig{As: harness.ValidateTranscripts, Files: []string{late}})
			Expect(got.stdout).To(Equal(late + ":2: /kind: a meta entry stands only on the first line, before the numbered entries [TRN-1]\n"))
		})

		It("expects entries numbered from 1 without gaps, per file (TRN-1)", func() {
			first := tempFile("a.ndjson", entry(2, `"kind":"decision","decision":"spawn"`))
			second := tempFile("b.ndjson", entry(1, `"kind":"decision","decision":"spawn"`)+entry(2, `"kind":"decision","decision":"ready"`)+entry(4, `"kind":"decision","decision":"kill"`)+entry(5, `"kind":"decision","decision":"restart"`))
			got := validate(harness.ValidateConfig{As: harness.ValidateTranscripts, Files: []string{first, second}})
			Expect(got.stdout).To(Equal(
				first + ":1: /seq: expected sequence number 1, got 2 [TRN-1]\n" +
					second + ":3: /seq: expected sequence number 3, got 4 [TRN-1]\n"))
		})
	})

	Describe("usage errors", func() {
		DescribeTable("exit 2 with a message on stderr",
			func(cfg harness.ValidateConfig, message string) {
				got := validate(cfg)
				Expect(got.code).To(Equal(2))
				Expect(got.stdout).To(BeEmpty())
				Expect(got.stderr).To(Equal("conform validate: " + message + "\n"))
			},
			Entry("no files", harness.ValidateConfig{As: harness.ValidateFrames}, "no files to validate"),
			Entry("an unknown --as", harness.ValidateConfig{As: "reports", Files: []string{"x"}}, `unknown --as "reports": want frame, manifest, transcript, scenario, report or baseline`),
			Entry("an unknown --direction", harness.ValidateConfig{As: harness.ValidateFrames, Direction: "sideways", Files: []string{"x"}}, `unknown --direction "sideways": want auto, plugin or runtime`),
			Entry("a direction for manifests", harness.ValidateConfig{As: harness.ValidateManifests, Direction: harness.DirectionPlugin, Files: []string{"x"}}, "--direction applies to --as frame only"),
			Entry("- without standard input", harness.ValidateConfig{As: harness.ValidateFrames, Files: []string{"-"}}, "-: no standard input to read\nchecked 0 documents in 1 file: 0 invalid"),
		)

		It("stops when the context is done", func() {
			ctx, cancel := context.WithCancelCause(context.Background())
			cancel(errors.New("interrupted"))
			var stdout, stderr bytes.Buffer
			code := harness.Validate(ctx, frames(harness.DirectionAuto, tempFile("a.json", `{"type":"ready"}`)), &stdout, &stderr)
			Expect(code).To(Equal(2))
			Expect(stderr.String()).To(Equal("conform validate: interrupted\n"))
		})
	})
})
