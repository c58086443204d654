package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/conform-dev/conform/suites"
)

// ownScenariosDir is the folder beside a plugin's manifest whose scenario
// files run against that plugin when no --scenarios is given.
const ownScenariosDir = "conform"

// loadSharedScenarios loads the scenarios every plugin of a run gets: the
// built-in suites (from builtin, or suites.FS when nil; none when
// noBuiltin) and every scenario file under paths. It also returns which of
// them are built in. Every load error is returned, joined.
func loadSharedScenarios(builtin fs.FS, noBuiltin bool, paths []string) ([]*Scenario, map[*Scenario]bool, error) {
	var all []*Scenario
	var errs []error
	isBuiltin := map[*Scenario]bool{}
	if !noBuiltin {
		scs, err := LoadFS(builtinSuites(builtin), ".")
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
	if err := errors.Join(append(errs, CheckUniqueIDs(all))...); err != nil {
		return nil, nil, err
	}
	return all, isBuiltin, nil
}

// builtinSuites returns fsys, or the embedded suites when it is nil.
func builtinSuites(fsys fs.FS) fs.FS {
	if fsys == nil {
		return suites.FS
	}
	return fsys
}

// loadOwnScenarios loads the scenario files of a plugin's conform/ folder,
// if it has one.
func loadOwnScenarios(pluginDir string) ([]*Scenario, error) {
	dir := filepath.Join(pluginDir, ownScenariosDir)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, nil
	}
	return loadScenarioPath(dir)
}

// loadScenarioPath loads one scenario file, or every scenario file under a
// folder, each through LoadFile so messages name its path.
func loadScenarioPath(path string) ([]*Scenario, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--scenarios: %w", err)
	}
	if !info.IsDir() {
		return LoadFile(path)
	}
	var all []*Scenario
	var errs []error
	walkErr := filepath.WalkDir(path, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !isScenarioFile(file) {
			return err
		}
		scs, err := LoadFile(file)
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
