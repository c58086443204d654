package harness

import "github.com/conform-dev/conform/harness/internal/render"

// The names below moved to package internal/render; they stay here so library users keep compiling.

var RenderEntry = render.RenderEntry
