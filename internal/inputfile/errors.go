package inputfile

import (
	"fmt"
	"io/fs"
	"strings"
)

// NotRegularError is a file refused because it is not a regular file: a
// named pipe would block the read, a device such as /dev/zero never ends.
// Read and Open return it inside an *fs.PathError that names the path.
type NotRegularError struct {
	Mode fs.FileMode // the file's type bits, as Stat reports them
}

func (e *NotRegularError) Error() string {
	return "is " + describe(e.Mode) + ", not a regular file"
}

// describe names the type of a file that is not regular.
func describe(mode fs.FileMode) string {
	switch t := mode.Type(); {
	case t&fs.ModeDir != 0:
		return "a folder"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeCharDevice != 0:
		return "a character device"
	case t&fs.ModeDevice != 0:
		return "a block device"
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	case t&fs.ModeIrregular != 0:
		return "an irregular file"
	default:
		return "a file of type " + t.String()
	}
}

// TooLargeError is a file refused because it holds more than the cap for
// its kind. Read returns it inside an *fs.PathError that names the path.
type TooLargeError struct {
	Limit int64  // the cap, in bytes
	Size  int64  // the size Stat reported, or 0 when the file grew while read
	Kind  string // what the file is, as "a manifest"; may be empty
}

func (e *TooLargeError) Error() string {
	msg := fmt.Sprintf("holds more than conform's %s cap", Bytes(e.Limit))
	if e.Size > e.Limit {
		msg = fmt.Sprintf("is %s, over conform's %s cap", Bytes(e.Size), Bytes(e.Limit))
	}
	if e.Kind != "" {
		msg += " for " + e.Kind
	}
	return msg
}

// Bytes formats n as conform's messages and docs state sizes: "1 MiB",
// "1.5 GiB", "812 bytes", and in bytes when one decimal would hide the
// difference from a round size.
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d bytes", n)
	}
	units := []string{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	v, i := float64(n)/unit, 0
	for v >= unit && i < len(units)-1 {
		v, i = v/unit, i+1
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), units[i])
	}
	if s := fmt.Sprintf("%.1f", v); !strings.HasSuffix(s, ".0") {
		return s + " " + units[i]
	}
	return fmt.Sprintf("%d bytes", n) // 1 MiB + 1 is not "1.0 MiB"
}
