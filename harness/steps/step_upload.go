package steps

import (
	"context"
	"encoding/base64"
	"fmt"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// UploadArgs are the arguments of upload: the file's content is text or
// base64.
type UploadArgs struct {
	Filename string `json:"filename"`
	MimeType string `json:"mime_type"`
	Text     string `json:"text"`
	Base64   string `json:"base64"`
	By       string `json:"by"` // the uploading user's id
}

func (a *UploadArgs) Check(scenario.ParseContext) error {
	if _, err := base64.StdEncoding.DecodeString(a.Base64); err != nil {
		return &scenario.ArgError{Pointer: "/base64", Message: fmt.Sprintf("not base64: %v", err)}
	}
	return nil
}

// Upload plays a client finishing an upload to the plugin: the runtime
// writes the file under uploads/ of the plugin's storage, then sends
// file.uploaded (UPL-1).
func Upload(_ context.Context, env *Env, a UploadArgs) error {
	data := []byte(a.Text)
	if a.Base64 != "" {
		data, _ = base64.StdEncoding.DecodeString(a.Base64)
	}
	u := mockruntime.Upload{Filename: a.Filename, MimeType: a.MimeType, Data: data, UploadedBy: a.By}
	if err := env.Plugin.Upload(u); err != nil {
		return fmt.Errorf("uploading %s: %w", a.Filename, err)
	}
	return nil
}
