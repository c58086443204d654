// The channels plugin's Go tests: its YAML scenarios as subtests, and
// business logic checked through the reference runtime, as a plugin
// author would write them. `go test ./examples/channels/` runs both;
// `go test ./examples/channels/ -run 'TestConform/channels.category-deleted'`
// runs one scenario.
package channels_test

import (
	"os/exec"
	"testing"

	"github.com/conform-dev/conform/harness/conformtest"
	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/mockruntimetest"
)

func needNode(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("the plugin runs on Node.js, and node is not on PATH")
	}
}

// TestConform runs conform/*.yaml, one subtest per scenario.
func TestConform(t *testing.T) {
	needNode(t)
	conformtest.Run(t, ".", conformtest.Options{})
}

func TestPostedMessagesAreListedInOrder(t *testing.T) {
	needNode(t)
	h := mockruntimetest.Start(t, ".", mockruntimetest.Options{})
	h.Request(t, "channels.create", map[string]any{"category_id": "cat-1", "name": "General"})
	for _, text := range []string{"one", "two", "three"} {
		h.Request(t, "messages.post", map[string]any{"channel": "general", "text": text})
	}
	got := h.Request(t, "messages.list", map[string]any{"channel": "general", "limit": 2}).([]any)
	if len(got) != 2 || got[0].(map[string]any)["text"] != "one" || got[1].(map[string]any)["text"] != "two" {
		t.Errorf("messages.list with limit 2 = %v, want one and two", got)
	}
	h.NoViolations(t)
}

func TestSeededChannelsAreThereAtBoot(t *testing.T) {
	needNode(t)
	h := mockruntimetest.Start(t, ".", mockruntimetest.Options{NoStart: true})
	err := h.Plugin.Seed(t.Context(), mockruntime.Seed{
		SQL:  "CREATE TABLE channels (slug TEXT PRIMARY KEY, category_id TEXT NOT NULL, name TEXT NOT NULL)",
		Rows: map[string][]map[string]any{"channels": {{"slug": "news", "category_id": "cat-9", "name": "News"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	h.StartPlugin(t, 0)
	list := h.Request(t, "channels.list", map[string]any{"category_id": "cat-9"}).([]any)
	if len(list) != 1 || list[0].(map[string]any)["slug"] != "news" {
		t.Errorf("channels.list = %v, want the seeded news channel", list)
	}
	r := h.Do(t, mockruntime.Request{Action: "messages.post", Params: map[string]any{"channel": "nowhere", "text": "hi"}})
	if r.Error == nil || r.Error.Code != "NOT_FOUND" {
		t.Errorf("posting to a missing channel: %+v, want NOT_FOUND", r)
	}
	h.NoViolations(t)
}
