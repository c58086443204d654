package harness

import "github.com/conform-dev/conform/harness/report"

// The names below moved to package report; they stay here so library users keep compiling.

var NewReport = report.NewReport
var ReadReport = report.ReadReport

type Report = report.Report

const ReportVersion = report.ReportVersion
