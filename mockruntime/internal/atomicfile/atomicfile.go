package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"strings"
)

// WriteTemp writes data to a new file in dir whose name follows pattern
// (see os.CreateTemp), flushed to disk, and returns its path; on failure
// nothing is left behind. Callers rename or link it into place, so readers
// only ever see complete files (SET-4, UPL-1).
func WriteTemp(dir, pattern string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	return finish(f, data, func() error { return os.Remove(f.Name()) }, f.Name())
}

// WriteTempIn is WriteTemp inside root: the new file is created, never
// opened through a symbolic link, at a name of root's top folder that
// follows pattern (its last "*" replaced by random characters), and the
// name relative to root is returned. Every runtime write into a plugin's
// folder goes through an os.Root, so a link the plugin planted cannot send
// it elsewhere (STOR-1).
func WriteTempIn(root *os.Root, pattern string, data []byte) (string, error) {
	for range 100 {
		name := randomName(pattern)
		f, err := root.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		return finish(f, data, func() error { return root.Remove(name) }, name)
	}
	return "", errors.New("atomicfile: no free temporary name after 100 tries")
}

func finish(f *os.File, data []byte, remove func() error, name string) (string, error) {
	_, err := f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return "", errors.Join(err, remove())
	}
	return name, nil
}

func randomName(pattern string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	random := hex.EncodeToString(b[:])
	if i := strings.LastIndex(pattern, "*"); i >= 0 {
		return pattern[:i] + random + pattern[i+1:]
	}
	return pattern + random
}
