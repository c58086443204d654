package sqlstore

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The encoders here produce the same bytes as encoding/json with its
// default HTML escaping, for the value types a result holds. Rows and KV
// results marshal through them, so the size counted while reading is the
// size of the final encoding, whatever escaping the caller's encoder uses:
// < > & are already escaped and the caller's encoder copies them as they are.

const lowerHex = "0123456789abcdef"

// appendJSONValue encodes one result value: nil, int64, float64 or string.
func appendJSONValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		return appendJSONFloat(b, x)
	case string:
		return appendJSONString(b, x)
	default:
		return append(b, "null"...)
	}
}

// appendJSONFloat writes f as encoding/json does. JSON has no infinities
// (SQLite returns them for overflowing REALs), so they become null, as
// JavaScript's JSON.stringify writes them.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		b = shortenExponent(b)
	}
	return b
}

// shortenExponent turns a two-digit negative exponent with a leading zero
// (1e-07) into one digit (1e-7).
func shortenExponent(b []byte) []byte {
	n := len(b)
	if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		return b[:n-1]
	}
	return b
}

// appendJSONString writes s as a JSON string: quotes and backslashes
// escaped, control characters as \b \f \n \r \t or \u00XX, < > & as
// \u003c \u003e \u0026, U+2028 and U+2029 escaped, and each byte of invalid
// UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if plainASCII(c) {
				i++
				continue
			}
			b = appendEscapedByte(append(b, s[start:i]...), c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), `\u202`...)
			b = append(b, lowerHex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

func plainASCII(c byte) bool {
	return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}

func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', lowerHex[c>>4], lowerHex[c&0xf])
}
