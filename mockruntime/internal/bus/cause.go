package bus

// retryCause says why an attempt ended without a positive ack, and so why
// the next one is a redelivery.
type retryCause struct {
	rule   string
	detail string
}

var (
	causeNack           = retryCause{rule: "EVT-15", detail: "negative ack"}
	causeAckDeadline    = retryCause{rule: "EVT-15", detail: "ack deadline passed"}
	causeSubscriberGone = retryCause{rule: "EVT-18", detail: "subscriber process ended"}
	causeRuntimeRestart = retryCause{rule: "EVT-18", detail: "runtime restarted"}
	causeHost           = retryCause{detail: "redelivery forced by the host"}
)
