package atomicfile

import (
	"errors"
	"os"
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
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return "", errors.Join(err, os.Remove(f.Name()))
	}
	return f.Name(), nil
}
