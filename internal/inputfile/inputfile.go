package inputfile

import (
	"bytes"
	"io"
	"io/fs"
	"os"
)

// Read returns the contents of the regular file at path, following
// symbolic links, or an *fs.PathError naming path that wraps
// *NotRegularError (a named pipe, device, socket or folder, refused
// without blocking) or *TooLargeError (more than limit bytes, refused
// after reading at most limit+1; kind, as "a manifest", says in its
// message what the cap is for), or the error of the operating system.
func Read(path string, limit int64, kind string) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{Limit: limit, Size: info.Size(), Kind: kind}}
	}
	data, err := ReadAll(f, limit, kind)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: unwrap(err)}
	}
	return data, nil
}

// ReadAll reads r to its end, as io.ReadAll does, but returns a
// *TooLargeError once r holds more than limit bytes, having read at most
// limit+1. It is for standard input and files Open has opened.
func ReadAll(r io.Reader, limit int64, kind string) ([]byte, error) {
	var b bytes.Buffer
	n, err := b.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, &TooLargeError{Limit: limit, Kind: kind}
	}
	return b.Bytes(), nil
}

// Open opens the regular file at path for reading, following symbolic
// links, or returns an *fs.PathError wrapping *NotRegularError for
// anything else. It never blocks on a named pipe: the file is checked
// before it is opened, and (where the system has it) opened non-blocking
// and checked again, so a file swapped in between is refused too. The
// caller closes the file and bounds what it reads from it.
func Open(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if pe, ok := err.(*fs.PathError); ok {
		pe.Op = "open" // as os.Open and os.ReadFile say it
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: &NotRegularError{Mode: info.Mode()}}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = &fs.PathError{Op: "open", Path: path, Err: &NotRegularError{Mode: info.Mode()}}
		}
		return nil, err
	}
	return f, nil
}

// unwrap drops the *fs.PathError the os package puts around a read error,
// as Read adds its own.
func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
