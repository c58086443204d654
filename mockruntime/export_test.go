package mockruntime

import "github.com/conform-dev/conform/mockruntime/internal/proc"

// LiveGroupMembers exposes proc.LiveGroupMembers to the external tests.
var LiveGroupMembers = proc.LiveGroupMembers
