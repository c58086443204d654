package match_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

func TestMatcherMessagesShowWhatTheyLookedAt(t *testing.T) {
	entries := []mockruntime.Entry{
		{Seq: 1, Plugin: "p", Kind: mockruntime.KindFrame, Dir: mockruntime.DirIn, Frame: json.RawMessage(`{"type":"ready"}`)},
		{Seq: 2, Plugin: "p", Kind: mockruntime.KindDecision, Decision: "violation", Rule: "WD-2", Detail: "no pong for ping-1"},
	}
	m := match.HaveViolation("")
	if ok, err := m.Match(entries); !ok || err != nil {
		t.Fatalf("HaveViolation: %v %v", ok, err)
	}
	msg := m.NegatedFailureMessage(entries)
	if !strings.Contains(msg, "#2 p violation WD-2: no pong for ping-1") {
		t.Errorf("NotTo(HaveViolation) does not name the violation:\n%s", msg)
	}
	f := match.HaveFrame(mockruntime.DirIn, map[string]any{"type": "pong"})
	if ok, _ := f.Match(entries); ok {
		t.Fatal("HaveFrame matched a pong that is not there")
	}
	if msg := f.FailureMessage(entries); !strings.Contains(msg, `#1 p <- {"type":"ready"}`) {
		t.Errorf("HaveFrame does not show the last entries:\n%s", msg)
	}
	c := match.HaveErrorCode("NOT_FOUND")
	resp := mockruntime.Response{ID: "req-1", Result: json.RawMessage(`{"a":1}`)}
	if ok, _ := c.Match(resp); ok {
		t.Fatal("HaveErrorCode matched a result")
	}
	if msg := c.FailureMessage(resp); msg != `expected error code NOT_FOUND, got no error: response req-1 with result {"a":1}` {
		t.Errorf("HaveErrorCode: %s", msg)
	}
}
