package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/conform-dev/conform/mockruntime"
	"github.com/conform-dev/conform/mockruntime/match"
)

// Duration is a step argument written as a Go duration string ("250ms").
type Duration time.Duration

// UnmarshalJSON reads a Go duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return &ArgError{Message: fmt.Sprintf("not a duration: %v", err)}
	}
	*d = Duration(v)
	return nil
}

// MarshalJSON writes the duration as a Go duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// or returns d, or def when d is zero.
func (d Duration) Or(def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return time.Duration(d)
}

// UserArg is a caller as a scenario names one: a user id, or the user
// object of a request (REQ-1).
type UserArg struct {
	mockruntime.User
}

// UnmarshalJSON reads a user id string or a user object; members left out
// take the values of mockruntime.DefaultUser.
func (u *UserArg) UnmarshalJSON(b []byte) error {
	u.User = mockruntime.DefaultUser
	var id string
	if json.Unmarshal(b, &id) == nil {
		u.ID, u.DisplayName = id, id
		return nil
	}
	return json.Unmarshal(b, &u.User)
}

// user returns the user, or nil for the default caller.
func (u *UserArg) Caller() *mockruntime.User {
	if u == nil {
		return nil
	}
	user := u.User
	return &user
}

// argError is a problem with one step argument, at a pointer relative to
// the step's arguments.
type ArgError struct {
	Pointer string
	Message string
}

func (e *ArgError) Error() string {
	if e.Pointer == "" {
		return e.Message
	}
	return e.Pointer + ": " + e.Message
}

// parseContext is what parsing a step's arguments may need besides them.
type ParseContext struct {
	File string     // the scenario file, as named in errors
	Read fileReader // reads files named relative to it
}

// argChecker is implemented by step arguments that check, after decoding,
// what the scenario schema cannot say.
type ArgChecker interface {
	Check(pc ParseContext) error
}

// decodeArgs decodes generic JSON into a step's argument type, refusing
// unknown members as the scenario schema does.
func DecodeArgs(raw any, into any) error {
	data, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	return dec.Decode(into)
}

// CheckPattern checks the regular expressions of a subset pattern ("/re/"
// strings), unless they hold a variable to be expanded at run time, and
// its matchers ({"$gte": 1}, ...: match.Subset).
func CheckPattern(pattern any, at string) error {
	var bad error
	walkStrings(pattern, at, func(s string, pointer func() string) {
		if bad != nil || len(s) < 2 || s[0] != '/' || s[len(s)-1] != '/' || strings.Contains(s, "${") {
			return
		}
		if _, err := regexp.Compile(s[1 : len(s)-1]); err != nil {
			bad = &ArgError{Pointer: pointer(), Message: fmt.Sprintf("not a regular expression: %v", err)}
		}
	})
	if bad != nil {
		return bad
	}
	if ok, pointer, why := match.CheckPattern(pattern); !ok {
		return &ArgError{Pointer: at + pointer, Message: why}
	}
	return nil
}
