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

// StoreUpload writes the file of u in full beside the storage folder of
// the plugin whose data folder is dataDir, stamped with clk's time, then
// links it into uploads/ under the first free name, so the file never
// appears partly written and never replaces another (UPL-1). The stored
// name is the client's file name made safe (no path separators, no leading
// dots, so no `..`) and unique (x.png, x-1.png, ...). It returns the path
// relative to the storage folder.
//
// Every step goes through an os.Root on the data folder, as storage.file
// does (STOR-1): a symbolic link the plugin planted (files/, uploads/, or
// a name in uploads/) never redirects the write outside its folder; such
// an upload fails instead, with PERMISSION_DENIED.
func StoreUpload(dataDir string, clk clock.Clock, u Upload) (string, error) {
	root, err := os.OpenRoot(dataDir)
	if err != nil {
		return "", err
	}
	defer root.Close()
	dir := storageFolder + "/" + uploadsDir
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return "", uploadError(root, err)
	}
	tmp, err := atomicfile.WriteTempIn(root, ".upload-*", u.Data)
	if err != nil {
		return "", uploadError(root, err)
	}
	defer root.Remove(tmp)
	now := clk.Now()
	if err := root.Chtimes(tmp, now, now); err != nil {
		return "", uploadError(root, err)
	}
	base := uploadName(u.Filename)
	for n := 0; ; n++ {
		name := numberedName(base, n)
		err := root.Link(tmp, dir+"/"+name)
		if err == nil {
			return uploadsDir + "/" + name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", uploadError(root, err)
		}
	}
}

// uploadError is PERMISSION_DENIED for a write a planted link would have
// led outside the plugin's folder, else err.
func uploadError(root *os.Root, err error) error {
	if isRootEscape(root, err) {
		return wire.Errorf(wire.CodePermissionDenied, "the upload would leave the plugin's storage folder through a symbolic link: %v", err).
			With("reason", wire.ReasonPathOutsideStorage)
	}
	return err
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
