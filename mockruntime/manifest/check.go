package manifest

import (
	"fmt"
	"strings"
)

// Issue is a rule a manifest breaks that its JSON Schema cannot
// express, such as a duplicate setting key. It reads like a schema failure:
// "/pointer: message [RULE]".
type Issue struct {
	Pointer string // the JSON pointer of the offending value
	Rule    string // the CONFORMANCE.md rule broken
	Message string // what is wrong, on one line
}

// Error formats the issue as "/pointer: message [RULE]".
func (i *Issue) Error() string {
	return fmt.Sprintf("%s: %s [%s]", i.Pointer, i.Message, i.Rule)
}

// Check returns, in document order, what a decoded manifest that
// already passed schemas.ValidateDocument(schemas.KindManifest) breaks
// beyond its schema: a publish capability outside the plugin's own
// namespace (MAN-8), a setting key used twice, a select default that is not
// one of its options (MAN-5). Load applies it; `conform validate
// --as manifest` reports all of it. It reads only the manifest and is safe
// for concurrent use.
func Check(manifest map[string]any) []*Issue {
	return append(checkPublishNamespace(manifest), checkSettings(manifest)...)
}

// publishPrefix starts every publish capability (CONFORMANCE.md §8).
const publishPrefix = "events.publish:"

func checkPublishNamespace(manifest map[string]any) []*Issue {
	slug, _ := manifest["slug"].(string)
	permissions, _ := manifest["permissions"].([]any)
	var issues []*Issue
	for i, p := range permissions {
		capability, _ := p.(string)
		topic, isPublish := strings.CutPrefix(capability, publishPrefix)
		if isPublish && !strings.HasPrefix(topic, slug+".") {
			issues = append(issues, &Issue{
				Pointer: fmt.Sprintf("/permissions/%d", i),
				Rule:    "MAN-8",
				Message: fmt.Sprintf("%s publishes outside the plugin's namespace %s.*", capability, slug),
			})
		}
	}
	return issues
}

func checkSettings(manifest map[string]any) []*Issue {
	settings, _ := manifest["settings"].([]any)
	firstUse := map[string]int{}
	var issues []*Issue
	for i, s := range settings {
		setting, _ := s.(map[string]any)
		key, _ := setting["key"].(string)
		if first, seen := firstUse[key]; seen {
			issues = append(issues, &Issue{
				Pointer: fmt.Sprintf("/settings/%d/key", i),
				Rule:    "MAN-5",
				Message: fmt.Sprintf("setting key %q is already used at /settings/%d", key, first),
			})
		} else {
			firstUse[key] = i
		}
		if issue := checkSelectDefault(setting, i); issue != nil {
			issues = append(issues, issue)
		}
	}
	return issues
}

// checkSelectDefault reports a select setting whose default is not one of
// its options.
func checkSelectDefault(setting map[string]any, index int) *Issue {
	if setting["type"] != "select" {
		return nil
	}
	options, _ := setting["options"].([]any)
	for _, option := range options {
		if option == setting["default"] {
			return nil
		}
	}
	return &Issue{
		Pointer: fmt.Sprintf("/settings/%d/default", index),
		Rule:    "MAN-5",
		Message: fmt.Sprintf("default %q is not one of the options", setting["default"]),
	}
}
