package plan

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/conform-dev/conform/harness/scenario"
	"github.com/conform-dev/conform/suites"
)

// ownScenariosDir is the folder beside a plugin's manifest whose scenario
// files run against that plugin when no --scenarios is given.
const ownScenariosDir = "conform"

// loadSharedScenarios loads the scenarios every plugin of a run gets: the
// built-in suites (from builtin, or suites.FS when nil; none when
// noBuiltin) and every scenario file under paths. It also returns which of
// them are built in. Every load error is returned, joined.
func loadSharedScenarios(builtin fs.FS, noBuiltin bool, paths []string) ([]*scenario.Scenario, map[*scenario.Scenario]bool, error) {
	var all []*scenario.Scenario
	var errs []error
	isBuiltin := map[*scenario.Scenario]bool{}
	if !noBuiltin {
		scs, err := scenario.LoadFS(BuiltinSuites(builtin), ".")
		errs = append(errs, err)
		for _, sc := range scs {
			isBuiltin[sc] = true
		}
		all = append(all, scs...)
	}
	for _, path := range paths {
		scs, err := loadScenarioPath(path)
		errs = append(errs, err)
		all = append(all, scs...)
	}
	if err := errors.Join(append(errs, scenario.CheckUniqueIDs(all))...); err != nil {
		return nil, nil, err
	}
	return all, isBuiltin, nil
}

// builtinSuites returns fsys, or the embedded suites when it is nil.
func BuiltinSuites(fsys fs.FS) fs.FS {
	if fsys == nil {
		return suites.FS
	}
	return fsys
}

// loadOwnScenarios loads the scenario files of a plugin's conform/ folder,
// if it has one.
func loadOwnScenarios(pluginDir string) ([]*scenario.Scenario, error) {
	dir := filepath.Join(pluginDir, ownScenariosDir)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, nil
	}
	return loadScenarioPath(dir)
}

// loadScenarioPath loads one scenario file, or every scenario file under a
// folder, each through LoadFile so messages name its path.
func loadScenarioPath(path string) ([]*scenario.Scenario, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--scenarios: %w", err)
	}
	if !info.IsDir() {
		return scenario.LoadFile(path)
	}
	var all []*scenario.Scenario
	var errs []error
	walkErr := filepath.WalkDir(path, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isScenarioFile(file) {
			return err
		}
		scs, err := scenario.LoadFile(file)
		errs = append(errs, err)
		all = append(all, scs...)
		return nil
	})
	return all, errors.Join(append(errs, walkErr)...)
}

// isScenarioFile reports whether name has the extension of a scenario
// file.
func isScenarioFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// LoadPluginScenarios loads the scenarios a plugin brings: every scenario
// file under its folder's conform/ (none when it has no such folder), or,
// when paths are given, those files and folders instead; ids must be
// unique across them. Errors name file, line and pointer. Safe for
// concurrent use.
func LoadPluginScenarios(pluginDir string, paths []string) ([]*scenario.Scenario, error) {
	if len(paths) == 0 {
		return loadOwnScenarios(pluginDir)
	}
	var all []*scenario.Scenario
	var errs []error
	for _, path := range paths {
		scs, err := loadScenarioPath(path)
		errs = append(errs, err)
		all = append(all, scs...)
	}
	if err := errors.Join(append(errs, scenario.CheckUniqueIDs(all))...); err != nil {
		return nil, err
	}
	return all, nil
}
