package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/atomicfile"
)

// Upload is a file a client finished uploading to a plugin (§9.8). A plain
// value.
type Upload struct {
	Filename   string // the client's file name; stored under a safe, unique name
	MimeType   string
	Data       []byte
	UploadedBy string // the uploading user's id
}

// uploadsDir is the folder of uploads inside the storage folder.
const uploadsDir = "uploads"

// maxUploadNameBytes keeps stored names well under file-system limits.
const maxUploadNameBytes = 200

// StoreUpload writes the file of u in full beside the storage folder of
// the plugin whose data folder is dataDir, stamped with clk's time, then
// links it into uploads/ under the first free name, so the file never
// appears partly written and never replaces another (UPL-1). The stored
// name is the client's file name made safe (no path separators, no leading
// dots, so no `..`) and unique (x.png, x-1.png, ...). It returns the path
// relative to the storage folder.
func StoreUpload(dataDir string, clk clock.Clock, u Upload) (string, error) {
	dir := filepath.Join(dataDir, storageFolder, uploadsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := atomicfile.WriteTemp(dataDir, ".upload-*", u.Data)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	now := clk.Now()
	if err := os.Chtimes(tmp, now, now); err != nil {
		return "", err
	}
	base := uploadName(u.Filename)
	for n := 0; ; n++ {
		name := numberedName(base, n)
		err := os.Link(tmp, filepath.Join(dir, name))
		if err == nil {
			return uploadsDir + "/" + name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
}

// uploadName makes a client's file name safe to store: separators and
// control characters become '_', leading dots go (no `..`, no hidden
// files), and the name is cut to maxUploadNameBytes.
func uploadName(filename string) string {
	name := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || unicode.IsControl(r) {
			return '_'
		}
		return r
	}, filename)
	name = strings.TrimLeft(name, ".")
	if len(name) > maxUploadNameBytes {
		name = strings.ToValidUTF8(name[:maxUploadNameBytes], "")
	}
	if name == "" {
		return "upload"
	}
	return name
}

// numberedName is name for n = 0, else name with -n before its extension.
func numberedName(name string, n int) string {
	if n == 0 {
		return name
	}
	ext := filepath.Ext(name)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), n, ext)
}
