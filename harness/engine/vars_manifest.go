package engine

import (
	"fmt"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/mockruntime"
)

// manifestPatch returns a scenario's manifest patch with ${slug} expanded to
// the slug of the plugin at path (its manifest as it is, unpatched), so that
// a patch can name the plugin's own namespace (events.publish:${slug}.*)
// without assuming the testee's slug, and ${each} to the entry of a
// for_each run. Only those are defined here: the
// patch applies before any step has saved a value. A patch without a
// reference is returned as it is.
func manifestPatch(path string, patch map[string]any, each map[string]any) (map[string]any, error) {
	if patch == nil {
		return nil, nil
	}
	m, err := mockruntime.LoadManifest(path, nil)
	if err != nil {
		return patch, nil // Load reports it, with the patch, as before
	}
	vars := scenario.NewVars(m.Slug)
	if each != nil {
		vars.Set(scenario.EachVar, each)
	}
	out, err := vars.Apply(patch)
	if err != nil {
		return nil, fmt.Errorf("the scenario's manifest patch: %w", err)
	}
	return out.(map[string]any), nil
}
