package words_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/conform-dev/conform/harness/internal/words"
)

func TestStripANSI(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1b[1;38;5;196mbold\x1b[m end", "bold end"},
		{"\x1b[2K\x1b[1Gline", "line"},                       // erase line, cursor to column 1
		{"\x1b]0;title\x07after", "after"},                   // OSC ended by BEL
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"}, // OSC hyperlink ended by ST
		{"\x1b(Bx", "x"},                                     // a two-byte escape
		{"tail\x1b", "tail\x1b"},                             // a lone ESC stays for escaping to show
		{"\x1b[31", "\x1b[31"},                               // an unfinished CSI stays
		{"\x1b]0;no end", "\x1b]0;no end"},                   // an unfinished OSC stays
	} {
		if got := words.StripANSI(c.in); got != c.want {
			t.Errorf("StripANSI(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestVisible(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text, tab\tkept", "plain text, tab\tkept"},
		{"é ünïcode ✓", "é ünïcode ✓"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"bell\a nul\x00 bs\b del\x7f", `bell\x07 nul\x00 bs\x08 del\x7f`},
		{"two\nlines\r", `two\nlines\r`},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`},
		{"\u009b31m c1 \u0085", `\u009b31m c1 \u0085`},
		{"nonchar \ufffe \uffff", `nonchar \ufffe \uffff`},
		{"bidi \u202eevil\u202c \u2066x\u2069", `bidi \u202eevil\u202c \u2066x\u2069`},
		{"sep\u2028", `sep\u2028`},
		{"\xed\xa0\x80 surrogate", `\xed\xa0\x80 surrogate`},
	} {
		if got := words.Visible(c.in); got != c.want {
			t.Errorf("Visible(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLineAndBlock(t *testing.T) {
	in := "\x1b[33mwarn\x1b[0m: a\x07b\r\nnext\rline\n"
	if got, want := words.Line(in), `warn: a\x07b\r\nnext\rline\n`; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
	if got, want := words.Block(in), "warn: a\\x07b\nnext\\rline\n"; got != want {
		t.Errorf("Block = %q, want %q", got, want)
	}
}

// TestXMLSafe feeds every byte and a few hundred characters through Line
// and Block and checks that the result is valid UTF-8 of characters XML 1.0
// allows (a real parser reads it back unchanged) and has no ESC left.
func TestXMLSafe(t *testing.T) {
	var all strings.Builder
	for b := 0; b < 256; b++ {
		all.WriteByte(byte(b))
	}
	for _, r := range []rune{0x85, 0x9b, 0xd7ff, 0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x10ffff, 0x202e} {
		all.WriteRune(r)
	}
	all.WriteString("\x1b[31mcolour\x1b[0m")
	for name, f := range map[string]func(string) string{"Line": words.Line, "Block": words.Block, "Visible": words.Visible} {
		got := f(all.String())
		if !utf8.ValidString(got) {
			t.Fatalf("%s: not valid UTF-8: %q", name, got)
		}
		for _, r := range got {
			if !xmlChar(r) || r == 0x1b || r == '\r' || (r >= 0x7f && r <= 0x9f) {
				t.Errorf("%s kept %U", name, r)
			}
		}
		var parsed struct {
			Text string `xml:",chardata"`
		}
		var doc strings.Builder
		doc.WriteString("<t><![CDATA[" + strings.ReplaceAll(got, "]]>", "]]]]><![CDATA[>") + "]]></t>")
		if err := xml.Unmarshal([]byte(doc.String()), &parsed); err != nil {
			t.Errorf("%s: an XML parser rejects the result: %v", name, err)
		} else if parsed.Text != got {
			t.Errorf("%s: the parser read back %q, want %q", name, parsed.Text, got)
		}
	}
}

// xmlChar is XML 1.0's Char production.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0a || r == 0x0d || r >= 0x20 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
}

func TestSafeTextIsReturnedAsIs(t *testing.T) {
	s := "no change: ünï\tcode"
	if words.Line(s) != s || words.Block(s+"\n") != s+"\n" || words.Visible(s) != s {
		t.Error("safe text changed")
	}
}
