package storage

import (
	"context"
	"os"
	"path/filepath"

	"github.com/conform-dev/conform/mockruntime/clock"
	"github.com/conform-dev/conform/mockruntime/service"
)

// storageFolder is the plugin's storage folder inside its data folder.
const storageFolder = "files"

// storageRoot is one call's view of a plugin's storage folder. os.Root
// refuses by construction every path that leads outside it, symbolic links
// included (STOR-1).
type storageRoot struct {
	root  *os.Root
	clock clock.Clock
}

// storageOps are the operations of storage.file (§9.11). path is already
// checked and cleaned; "." is the storage folder itself.
var storageOps = map[string]func(st storageRoot, path string, params map[string]any) (any, error){
	"read":   storageRead,
	"write":  storageWrite,
	"delete": storageDelete,
	"list":   storageList,
	"stat":   storageStat,
}

// File serves storage.file in the plugin's own storage folder (STOR-1,
// STOR-2; SVC-4).
func File(_ context.Context, c *service.Call) (any, error) {
	op, ok := storageOps[c.Op]
	if !ok {
		return nil, service.UnknownOp(c)
	}
	raw := service.StringParam(c.Params, "path")
	path, err := storagePath(raw)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(filepath.Join(c.Plugin.DataDir(), storageFolder))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	result, err := op(storageRoot{root: root, clock: c.Host.Clock()}, path, c.Params)
	if err != nil {
		return nil, storageError(root, err, raw)
	}
	return result, nil
}
