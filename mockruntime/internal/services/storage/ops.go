package storage

import (
	"encoding/base64"
	"io/fs"
	"path/filepath"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/service"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// storageRead answers {"data": base64, "size"}; a file whose encoding could
// not be sent is refused before it is read (SVC-6).
func storageRead(st storageRoot, path string, _ map[string]any) (any, error) {
	info, err := st.root.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, wire.Errorf(wire.CodeInvalidParams, "%q is a folder", path).With("pointer", "/params/path")
	}
	if n := base64.StdEncoding.EncodedLen(int(info.Size())); n > wire.MaxResultBytes {
		return nil, service.ResultTooLarge(n)
	}
	data, err := st.root.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return map[string]any{"data": base64.StdEncoding.EncodeToString(data), "size": len(data)}, nil
}

// storageWrite creates or replaces a file, creating its folders, and stamps
// it with the runtime's clock.
func storageWrite(st storageRoot, path string, params map[string]any) (any, error) {
	data, err := base64.StdEncoding.DecodeString(service.StringParam(params, "data"))
	if err != nil {
		return nil, wire.Errorf(wire.CodeInvalidParams, "data is not base64: %v", err).With("pointer", "/params/data")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := st.root.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	if err := st.root.WriteFile(path, data, 0o644); err != nil {
		return nil, err
	}
	now := st.clock.Now()
	if err := st.root.Chtimes(path, now, now); err != nil {
		return nil, err
	}
	return map[string]any{"size": len(data)}, nil
}

// storageDelete removes a file, or a folder with everything in it.
func storageDelete(st storageRoot, path string, _ map[string]any) (any, error) {
	if path == "." {
		return nil, wire.Errorf(wire.CodeInvalidParams, "the storage folder itself cannot be deleted").With("pointer", "/params/path")
	}
	info, err := st.root.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, st.root.RemoveAll(path)
	}
	return nil, st.root.Remove(path)
}

// storageList answers a folder's entries sorted by name.
func storageList(st storageRoot, path string, _ map[string]any) (any, error) {
	f, err := st.root.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.IsDir() {
		return nil, notAFolder(err, path)
	}
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, 0, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue // removed since the folder was read
		}
		out = append(out, map[string]any{"name": e.Name(), "size": fileSize(info), "dir": e.IsDir()})
	}
	return out, nil
}

// storageStat answers {"size", "dir", "mtime"}.
func storageStat(st storageRoot, path string, _ map[string]any) (any, error) {
	info, err := st.root.Stat(path)
	if err != nil {
		return nil, err
	}
	return map[string]any{"size": fileSize(info), "dir": info.IsDir(), "mtime": clock.Millis(info.ModTime())}, nil
}

// fileSize is a file's length; folders count 0, whatever the file system
// says.
func fileSize(info fs.FileInfo) int64 {
	if info.IsDir() {
		return 0
	}
	return info.Size()
}

func notAFolder(err error, path string) error {
	if err != nil {
		return err
	}
	return wire.Errorf(wire.CodeInvalidParams, "%q is not a folder", path).With("pointer", "/params/path")
}
