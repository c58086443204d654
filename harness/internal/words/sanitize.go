package words

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text a plugin controls (its stderr, the bytes of a frame it sent, a
// message quoting them) reaches every report. These functions make such
// text safe for a terminal, an XML 1.0 document and Markdown: what they
// return is valid UTF-8 and holds no C0 or C1 control character (other
// than the newline Block keeps and the tab both keep), no DEL, no
// noncharacter U+FFFE/U+FFFF and no bidirectional override, so it can
// neither move a terminal's cursor, recolour a CI log, reorder what a
// reader sees nor make an XML parser reject the file. Each byte or
// character it cannot keep is shown, not hidden: "\x1b", "\x00", "\xff",
// "\u202e".

// Visible escapes every unsafe character of one line of text, ANSI escape
// sequences included, so that a console shows "\x1b[31m" where a plugin
// wrote a colour code: the reader sees that the plugin wrote it. Newlines
// and carriage returns are escaped too ("\n", "\r").
func Visible(s string) string { return escape(s, false) }

// Line is the one-line text of a report (an XML attribute, a Markdown
// table cell or heading): ANSI escape sequences are removed, as a CI page
// cannot show colour, and every other unsafe character is escaped as
// Visible does.
func Line(s string) string { return escape(StripANSI(s), false) }

// Block is Line for text of several lines (the body of a JUnit failure, a
// fenced Markdown block): newlines are kept, a carriage return before a
// newline is dropped, every other unsafe character is escaped.
func Block(s string) string {
	return escape(strings.ReplaceAll(StripANSI(s), "\r\n", "\n"), true)
}

// escape writes s with every unsafe character escaped; keepNewlines keeps
// "\n".
func escape(s string, keepNewlines bool) string {
	if isSafe(s, keepNewlines) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' && keepNewlines, r == '\t':
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isSafe reports whether escape would return s unchanged, so the common
// case costs no allocation.
func isSafe(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return utf8.ValidString(s[i:]) && !hasUnsafeRune(s[i:], keepNewlines)
		}
		if (c < 0x20 && c != '\t' && (c != '\n' || !keepNewlines)) || c == 0x7f {
			return false
		}
	}
	return true
}

func hasUnsafeRune(s string, keepNewlines bool) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && (r != '\n' || !keepNewlines) || r == 0x7f || unsafeRune(r) {
			return true
		}
	}
	return false
}

// unsafeRune reports the characters beyond ASCII that no report keeps: the
// C1 controls (U+0080–U+009F, U+009B is a one-character CSI), the
// noncharacters XML 1.0 forbids (U+FFFE, U+FFFF), the line and paragraph
// separators, and the bidirectional embeddings, overrides and isolates that
// reorder what a reader sees.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0xfffe || r == 0xffff:
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// StripANSI removes the ANSI escape sequences of s (ECMA-48): a CSI
// sequence "ESC [ params final" (colours, cursor moves), an OSC sequence
// "ESC ] … BEL" or "ESC ] … ESC \" (window titles, hyperlinks), and any
// other escape "ESC X" or "ESC ( B". A lone ESC at the end, or an unterminated
// OSC, is kept for the escaping to show.
func StripANSI(s string) string {
	if !strings.Contains(s, "\x1b") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != 0x1b || i+1 >= len(s) {
			b.WriteByte(s[i])
			i++
			continue
		}
		n := ansiLength(s[i:])
		if n == 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += n
	}
	return b.String()
}

// ansiLength is the length of the escape sequence at the start of s (which
// starts with ESC), or 0 when it is not a whole one.
func ansiLength(s string) int {
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			c := s[j]
			if c >= 0x40 && c <= 0x7e {
				return j + 1
			}
			if c < 0x20 || c > 0x7e {
				return 0 // not a parameter or intermediate byte
			}
		}
		return 0
	case ']', 'P', '_', '^':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return 0
	}
	// nF escapes ("ESC ( B"): intermediate bytes, then one final byte
	for j := 1; j < len(s); j++ {
		c := s[j]
		if c >= 0x30 && c <= 0x7e {
			return j + 1
		}
		if c < 0x20 || c > 0x2f {
			return 0
		}
	}
	return 0
}
