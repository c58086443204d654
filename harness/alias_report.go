package harness

import "github.com/conform-dev/conform/harness/report"

// The names below moved to package report; they stay here so library users keep compiling.

var NewReport = report.NewReport
var ReadReport = report.ReadReport

type Report = report.Report

const ReportVersion = report.ReportVersion

// Cause is one problem of one plugin: the failing results charged to the
// same rule (see report.Cause).
type Cause = report.Cause

// Causes groups failing results by plugin and blamed rule.
var Causes = report.Causes

// AreaLevel is a plugin's level in one area of the protocol (see
// report.AreaLevel).
type AreaLevel = report.AreaLevel
