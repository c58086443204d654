package validate

import (
	"errors"

	"github.com/conform-dev/conform/schemas"
)

// checkFrameIn checks a frame travelling in dir; from the plugin, the params
// of a known service are checked too, an absent params as {}, and reported
// under /params.
func checkFrameIn(dir schemas.Direction, frame any) error {
	if err := schemas.ValidateFrame(dir, frame); err != nil {
		return err
	}
	object, _ := frame.(map[string]any)
	service, _ := object["type"].(string)
	if dir != schemas.FromPlugin || !schemas.IsService(service) {
		return nil
	}
	params, ok := object["params"]
	if !ok {
		params = map[string]any{}
	}
	err := schemas.ValidateParams(service, params)
	var invalid *schemas.Error
	if errors.As(err, &invalid) {
		return invalid.Under("/params")
	}
	return err
}

// directionsToTry returns the directions a frame is checked in under
// --direction auto, the one to report against first. A line with the IPC:
// prefix comes from the plugin. Otherwise a type known in one direction only
// decides; a type known in both (response, event.ack) or in neither is
// valid when either direction accepts it.
func directionsToTry(doc Document) []schemas.Direction {
	if doc.fromPlugin {
		return []schemas.Direction{schemas.FromPlugin}
	}
	object, _ := doc.Value.(map[string]any)
	typ, _ := object["type"].(string)
	fromPlugin := schemas.IsFrameType(schemas.FromPlugin, typ) || schemas.IsService(typ)
	toPlugin := schemas.IsFrameType(schemas.ToPlugin, typ)
	switch {
	case fromPlugin && !toPlugin:
		return []schemas.Direction{schemas.FromPlugin}
	case toPlugin && !fromPlugin:
		return []schemas.Direction{schemas.ToPlugin}
	}
	return []schemas.Direction{schemas.FromPlugin, schemas.ToPlugin}
}

// checkFrameAuto checks a frame in every direction directionsToTry gives and
// returns nil when one accepts it, else the first direction's failure.
func checkFrameAuto(doc Document) error {
	var first error
	for _, dir := range directionsToTry(doc) {
		err := checkFrameIn(dir, doc.Value)
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}
