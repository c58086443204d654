package wire

// Error codes of the catalogue in CONFORMANCE.md §6.1.
const (
	CodePermissionDenied         = "PERMISSION_DENIED"
	CodeInvalidParams            = "INVALID_PARAMS"
	CodeUnknownService           = "UNKNOWN_SERVICE"
	CodeUnknownAction            = "UNKNOWN_ACTION"
	CodeNotFound                 = "NOT_FOUND"
	CodeSQLError                 = "SQL_ERROR"
	CodeResponseTooLarge         = "RESPONSE_TOO_LARGE"
	CodeTimeout                  = "TIMEOUT"
	CodePluginUnavailable        = "PLUGIN_UNAVAILABLE"
	CodePresenceNoSessionContext = "PRESENCE_NO_SESSION_CONTEXT"
	CodeNetworkError             = "NETWORK_ERROR"
	CodeUnavailable              = "UNAVAILABLE"
	CodeInternal                 = "INTERNAL"
	CodeHandlerFailed            = "HANDLER_FAILED"
)

// Sentinels for errors.Is: they match any *Error with the same code.
var (
	ErrPermissionDenied         = &Error{Code: CodePermissionDenied}
	ErrInvalidParams            = &Error{Code: CodeInvalidParams}
	ErrUnknownService           = &Error{Code: CodeUnknownService}
	ErrUnknownAction            = &Error{Code: CodeUnknownAction}
	ErrNotFound                 = &Error{Code: CodeNotFound}
	ErrSQL                      = &Error{Code: CodeSQLError}
	ErrResponseTooLarge         = &Error{Code: CodeResponseTooLarge}
	ErrTimeout                  = &Error{Code: CodeTimeout}
	ErrPluginUnavailable        = &Error{Code: CodePluginUnavailable}
	ErrPresenceNoSessionContext = &Error{Code: CodePresenceNoSessionContext}
	ErrNetwork                  = &Error{Code: CodeNetworkError}
	ErrUnavailable              = &Error{Code: CodeUnavailable}
	ErrInternal                 = &Error{Code: CodeInternal}
)

// Context reasons used with PERMISSION_DENIED.
const (
	ReasonStatementNotAllowed = "statement_not_allowed"
	ReasonPathOutsideStorage  = "path_outside_storage"
	ReasonNamespace           = "namespace"
	ReasonCrossPluginWrite    = "cross_plugin_write"
	ReasonOtherUser           = "other_user"
)
