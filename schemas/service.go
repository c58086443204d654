package schemas

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// ErrUnknownService is wrapped by the errors of ValidateParams and
// ValidateResult for a service that has no schema.
var ErrUnknownService = errors.New("unknown service")

// ErrNoSchema is wrapped by the errors of calls that name something with no
// schema: a result of a service answered by an event.ack, an operation a
// service does not have, a Kind or a Direction that does not exist.
var ErrNoSchema = errors.New("no schema")

// ValidateParams checks the params of a call to service (FRAME-24). A service
// with operations dispatches on params.op to that operation's schema; an op
// that is missing or unknown is reported at /op. Pointers of the returned
// *Error are relative to params. An unknown service returns an error wrapping
// ErrUnknownService. Safe for concurrent use.
func ValidateParams(service string, params any) error {
	r, svc, err := lookupService(service)
	if err != nil {
		return err
	}
	if svc.ops == nil {
		return r.check(svc.params[""], params, subject{frameType: service})
	}
	op, _ := asObject(params)["op"].(string)
	if s, ok := svc.params[op]; ok {
		return r.check(s, params, subject{frameType: service})
	}
	if err := r.check(svc.selector, params, subject{frameType: service}); err != nil {
		return err
	}
	return fmt.Errorf("schemas: %s: op %q passed the op list but has no schema", service, op)
}

// ValidateResult checks the result of a call to service; op is the operation
// for a service that has them and "" otherwise. Services answered by an
// event.ack (events.*) have no result schema. Pointers of the returned *Error
// are relative to the result. Safe for concurrent use.
func ValidateResult(service, op string, result any) error {
	r, svc, err := lookupService(service)
	if err != nil {
		return err
	}
	s, ok := svc.results[op]
	if !ok {
		return fmt.Errorf("schemas: %w for the result of %s op %q", ErrNoSchema, service, op)
	}
	return r.check(s, result, subject{frameType: service})
}

// IsService reports whether typ, the type of a frame from the plugin, names
// a known service. Safe for concurrent use.
func IsService(typ string) bool {
	r, err := schemasOnce()
	return err == nil && r.services[typ] != nil
}

// Services returns the name of every known service, sorted, in a slice the
// caller owns. Safe for concurrent use.
func Services() []string {
	r, err := schemasOnce()
	if err != nil {
		return nil
	}
	return append([]string(nil), r.names...)
}

// ServiceOps returns the operations of service selected by params.op,
// sorted, in a slice the caller owns; nil for a service without operations
// or an unknown one. Safe for concurrent use.
func ServiceOps(service string) []string {
	_, svc, err := lookupService(service)
	if err != nil || svc.ops == nil {
		return nil
	}
	return append([]string(nil), svc.ops...)
}

func lookupService(name string) (*registry, *service, error) {
	r, err := schemasOnce()
	if err != nil {
		return nil, nil, err
	}
	svc := r.services[name]
	if svc == nil {
		return nil, nil, fmt.Errorf("schemas: %w %q", ErrUnknownService, name)
	}
	return r, svc, nil
}

// compileServices compiles every document of service/. A document with
// $defs/op has operations: $defs/params/<op> and $defs/result/<op>; one
// without has $defs/params and, unless answered by an event.ack,
// $defs/result.
func (r *registry) compileServices(l *loader, fsys fs.FS) error {
	names, err := fs.Glob(fsys, "service/*.json")
	if err != nil {
		return err
	}
	r.services = make(map[string]*service, len(names))
	for _, name := range names {
		svc, err := r.compileService(l, baseURL+name)
		if err != nil {
			return err
		}
		r.services[strings.TrimSuffix(path.Base(name), ".json")] = svc
	}
	r.names = sortedKeys(r.services)
	return nil
}

func (r *registry) compileService(l *loader, url string) (*service, error) {
	defs := asObject(asObject(r.docs[url])["$defs"])
	svc := &service{params: map[string]*compiled{}, results: map[string]*compiled{}}
	ops := []string{""}
	if defs["op"] != nil {
		svc.ops = sortedKeys(asObject(defs["params"]))
		ops = svc.ops
		var err error
		if svc.selector, err = l.compile(url + "#/$defs/op"); err != nil {
			return nil, err
		}
	}
	for _, op := range ops {
		if err := svc.compileOp(l, url, defs, op); err != nil {
			return nil, err
		}
	}
	return svc, nil
}

// compileOp compiles the params and result schemas of one operation (or of
// the whole service when op is ""), each when it exists.
func (svc *service) compileOp(l *loader, url string, defs map[string]any, op string) error {
	for def, into := range map[string]map[string]*compiled{"params": svc.params, "result": svc.results} {
		ptr, ok := defPointer(defs, def, op)
		if !ok {
			continue
		}
		s, err := l.compile(url + "#" + ptr)
		if err != nil {
			return err
		}
		into[op] = s
	}
	return nil
}

// defPointer returns the JSON pointer of $defs/<def>[/<op>] and whether that
// definition exists.
func defPointer(defs map[string]any, def, op string) (string, bool) {
	node, ok := defs[def]
	ptr := "/$defs/" + def
	if ok && op != "" {
		node, ok = asObject(node)[op]
		ptr += "/" + op
	}
	return ptr, ok && node != nil
}
