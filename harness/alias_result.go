package harness

import "github.com/conform-dev/conform/harness/result"

// The names below moved to package result; they stay here so library users keep compiling.

type BaselineProblem = result.BaselineProblem

const Error = result.Error
const ExitFail = result.ExitFail
const ExitInternal = result.ExitInternal
const ExitPass = result.ExitPass
const ExitUsage = result.ExitUsage
const ExitInterrupted = result.ExitInterrupted
const ExpectedFail = result.ExpectedFail
const Fail = result.Fail

var FailsRun = result.FailsRun

type Failure = result.Failure
type Outcome = result.Outcome

const Pass = result.Pass

type Result = result.Result
type RunPlugin = result.RunPlugin

const Skip = result.Skip

type Source = result.Source
type Summary = result.Summary

const UnexpectedPass = result.UnexpectedPass

type Verdict = result.Verdict
