package storage

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// storagePath checks a storage.file path and returns it cleaned, "." for
// the storage folder itself. An absolute path or a `..` segment is refused
// before any file is touched, even one that would come back inside (STOR-1).
func storagePath(raw string) (string, error) {
	if err := checkPathBytes(raw); err != nil {
		return "", err
	}
	if filepath.IsAbs(raw) {
		return "", outsideStorage(raw)
	}
	for _, segment := range strings.Split(raw, "/") {
		if segment == ".." {
			return "", outsideStorage(raw)
		}
	}
	return filepath.Clean(raw), nil
}

// The limits of a storage.file path (STOR-3): those of Linux (NAME_MAX and
// PATH_MAX), checked before any file is touched so that every file system
// answers the same.
const (
	MaxNameBytes = 255
	MaxPathBytes = 4095
)

// checkPathBytes refuses a path no file system could hold: one with a NUL
// byte, a name over MaxNameBytes or a whole over MaxPathBytes (STOR-3).
func checkPathBytes(raw string) error {
	invalid := func(format string, args ...any) *wire.Error {
		return wire.Errorf(wire.CodeInvalidParams, format, args...).With("pointer", "/params/path")
	}
	if i := strings.IndexByte(raw, 0); i >= 0 {
		return invalid("the path has a NUL byte at byte %d; no file name can hold one", i)
	}
	if len(raw) > MaxPathBytes {
		return invalid("the path is %d bytes long, over the limit of %d", len(raw), MaxPathBytes).With("limit", MaxPathBytes)
	}
	for _, segment := range strings.Split(raw, "/") {
		if len(segment) > MaxNameBytes {
			return invalid("the name %.40q... is %d bytes long, over the limit of %d", segment, len(segment), MaxNameBytes).With("limit", MaxNameBytes)
		}
	}
	return nil
}

func outsideStorage(path string) *wire.Error {
	return wire.Errorf(wire.CodePermissionDenied, "path %q leads outside the plugin's storage folder", path).
		With("reason", wire.ReasonPathOutsideStorage).With("path", path)
}

// storageError turns a file-system error of a storage.file operation into
// the protocol's: a symbolic link leading outside the folder is
// PERMISSION_DENIED (STOR-1), a missing file or folder NOT_FOUND (STOR-2).
func storageError(root *os.Root, err error, path string) error {
	var we *wire.Error
	switch {
	case errors.As(err, &we):
		return we
	case isRootEscape(root, err):
		return outsideStorage(path)
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return wire.Errorf(wire.CodeNotFound, "no file or folder %q in the plugin's storage", path).With("path", path)
	case errors.Is(err, syscall.ENAMETOOLONG), errors.Is(err, syscall.EINVAL):
		return wire.Errorf(wire.CodeInvalidParams, "the path %q cannot name a file: %v", path, err).With("pointer", "/params/path")
	case errors.Is(err, syscall.EISDIR):
		return wire.Errorf(wire.CodeInvalidParams, "%q is a folder", path).With("pointer", "/params/path")
	}
	return wire.Errorf(wire.CodeInternal, "storage.file on %q: %v", path, err)
}

// rootEscape is the error os.Root returns for a path leading outside it.
// The os package does not export it, so it is learnt once, from the first
// root at hand, by asking for "..", which always escapes.
var rootEscape struct {
	once sync.Once
	err  error
}

func isRootEscape(root *os.Root, err error) bool {
	rootEscape.once.Do(func() {
		_, probe := root.Lstat("..")
		var pe *fs.PathError
		if errors.As(probe, &pe) {
			rootEscape.err = pe.Err
		}
	})
	return rootEscape.err != nil && errors.Is(err, rootEscape.err)
}
