package build

import (
	"strconv"
	"strings"
	"testing"
)

// The tail keeps exactly the last max bytes, whatever the sizes of the
// writes, and says how many it dropped.
func TestTailKeepsTheLastBytes(t *testing.T) {
	var all strings.Builder
	tl := newTail(10)
	for i, w := range []string{"abc", "defghij", "k", "lmnopqrstuvwxyz0123", "45", "6789ABCDEFG", "H"} {
		_, _ = tl.Write([]byte(w))
		all.WriteString(w)
		want := all.String()
		dropped := 0
		if len(want) > 10 {
			dropped, want = len(want)-10, want[len(want)-10:]
		}
		got := tl.String()
		if dropped > 0 {
			if !strings.HasPrefix(got, "[… ") || !strings.Contains(got, " "+strconv.Itoa(dropped)+" bytes") {
				t.Fatalf("write %d: %q does not say %d bytes were dropped", i, got, dropped)
			}
			got = got[strings.IndexByte(got, '\n')+1:]
		}
		if got != want {
			t.Fatalf("write %d: kept %q, want %q", i, got, want)
		}
	}
}
