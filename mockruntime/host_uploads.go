package mockruntime

import (
	"errors"
	"fmt"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/internal/services/storage"
	"github.com/conform-dev/conform/mockruntime/wire"
)

// Upload is a file a client finished uploading to a plugin (§9.8). A plain
// value.
type Upload = storage.Upload

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
	path, err := storage.StoreUpload(p.dataDir, p.rt.clock, u)
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
