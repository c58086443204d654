package mockruntime

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
	"github.com/conform-dev/conform/mockruntime/wire"
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

// Upload plays a client upload (UPL-1): the file is written completely
// under uploads/ of the plugin's storage folder, and only then the plugin is
// sent file.uploaded with its path relative to the storage folder (readable
// with storage.file) and its size. The stored name is the client's file
// name made safe (no path separators, no leading dots, so no `..`) and
// unique (x.png, x-1.png, ...). A plugin that is not running misses the
// frame (the drop is recorded, NOTE-1) but keeps the file. Safe for
// concurrent use.
func (p *Plugin) Upload(u Upload) error {
	if u.Filename == "" {
		return wire.Errorf(wire.CodeInvalidParams, "an upload needs a file name")
	}
	path, err := p.storeUpload(u)
	if err != nil {
		return fmt.Errorf("storing upload %q for %s: %w", u.Filename, p.Slug(), err)
	}
	err = p.notify(map[string]any{
		"type": wire.TypeFileUploaded, "filename": u.Filename, "path": path, "size": len(u.Data),
		"mimeType": u.MimeType, "uploadedBy": u.UploadedBy, "uploadedAt": clock.Millis(p.rt.clock.Now()),
	})
	if errors.Is(err, ErrNotRunning) {
		return nil
	}
	return err
}

// storeUpload writes the file in full beside the storage folder, then links
// it into uploads/ under the first free name, so the file never appears
// partly written and never replaces another. It returns the path relative
// to the storage folder.
func (p *Plugin) storeUpload(u Upload) (string, error) {
	dir := filepath.Join(p.dataDir, "files", uploadsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := atomicfile.WriteTemp(p.dataDir, ".upload-*", u.Data)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp)
	now := p.rt.clock.Now()
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
