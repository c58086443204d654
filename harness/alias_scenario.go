package harness

import "github.com/conform-dev/conform/harness/scenario"

// The names below moved to package scenario; they stay here so library users keep compiling.

var CheckUniqueIDs = scenario.CheckUniqueIDs
var ExpandForEach = scenario.ExpandForEach

type Duration = scenario.Duration
type LoadError = scenario.LoadError

var LoadErrors = scenario.LoadErrors
var LoadFS = scenario.LoadFS
var LoadFile = scenario.LoadFile
var NewVars = scenario.NewVars

const ProfileBoth = scenario.ProfileBoth
const ProfilePlugin = scenario.ProfilePlugin
const ProfileSDK = scenario.ProfileSDK

var RegisterStepParser = scenario.RegisterStepParser

type RepeatArgs = scenario.RepeatArgs
type RuntimeConfig = scenario.RuntimeConfig
type Scenario = scenario.Scenario

const SlugVar = scenario.SlugVar

type Step = scenario.Step
type StepParser = scenario.StepParser
type UserArg = scenario.UserArg
type Vars = scenario.Vars
