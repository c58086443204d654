package mockruntime

// LiveGroupMembers exposes liveGroupMembers to the external tests.
var LiveGroupMembers = liveGroupMembers
