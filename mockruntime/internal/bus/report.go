package bus

// ReportKind names a decision of the bus.
type ReportKind string

// The decisions the bus reports.
const (
	// ReportRedeliver: an event was sent again with Attempt > 1.
	ReportRedeliver ReportKind = "redeliver"
	// ReportDeadLetter: an event ran out of attempts for a subscription.
	ReportDeadLetter ReportKind = "dead_letter"
	// ReportDrop: an overflow policy dropped an event for a subscription.
	ReportDrop ReportKind = "drop"
	// ReportUnhealthy and ReportHealthy: a subscription's health changed.
	ReportUnhealthy ReportKind = "unhealthy"
	ReportHealthy   ReportKind = "healthy"
	// ReportViolation: the subscriber broke a rule (Rule names it).
	ReportViolation ReportKind = "violation"
	// ReportNotice: something worth recording that is not a fault, such as
	// an ack for a delivery no longer awaiting one (EVT-19).
	ReportNotice ReportKind = "notice"
)

// Report is one decision of the bus, for the transcript; a plain value.
type Report struct {
	Kind       ReportKind
	Subscriber string
	Pattern    string
	// EventID is the event concerned, when there is one.
	EventID string
	// Attempt is the attempt concerned, when there is one.
	Attempt int
	// Rule is the CONFORMANCE.md rule behind the decision; for a violation,
	// the rule that was broken.
	Rule string
	// Detail says why, for humans.
	Detail string
}

// Observer receives reports. The bus calls it from one goroutine at a time,
// in decision order, interleaved with the deliveries, never while holding its
// own lock. It must not block for long; like a Sink, it may call the methods
// of the Bus that do not wait for a commit.
type Observer func(Report)
