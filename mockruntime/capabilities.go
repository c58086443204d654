package mockruntime

import (
	"sort"
	"strings"
	"sync"
)

// grantingCapability returns the declared capability that grants required,
// or false (CAP-1). A declared capability grants a required one when they
// are equal, or when the declared one ends in ".*" and the required one
// continues its prefix with at least one more character (this covers
// events.publish:<slug>.*, events.subscribe:<prefix>.* and
// data.read:<plugin>.*). http.fetch:*.<domain> grants every subdomain of
// <domain>, not the domain itself (HTTP-1).
func grantingCapability(declared []string, required string) (string, bool) {
	for _, d := range declared {
		if d == required || coversByPrefix(d, required) || coversHost(d, required) {
			return d, true
		}
	}
	return "", false
}

func coversByPrefix(declared, required string) bool {
	prefix, ok := strings.CutSuffix(declared, "*")
	if !ok || !strings.HasSuffix(prefix, ".") || strings.HasPrefix(declared, "http.fetch:") {
		return false
	}
	return len(required) > len(prefix) && strings.HasPrefix(required, prefix)
}

func coversHost(declared, required string) bool {
	domain, ok := strings.CutPrefix(declared, "http.fetch:*.")
	host, isFetch := strings.CutPrefix(required, "http.fetch:")
	return ok && isFetch && strings.HasSuffix(host, "."+domain)
}

// DeniedCall is a service call refused for a missing capability.
type DeniedCall struct {
	Type       string `json:"type"`
	Capability string `json:"capability"`
	Seq        int64  `json:"seq"`
}

// CapabilityReport says, for one plugin, which declared capabilities its
// calls used, which it never used, and which calls were denied (CAP-4).
type CapabilityReport struct {
	Declared []string       `json:"declared"`
	Used     map[string]int `json:"used"`
	Unused   []string       `json:"unused"`
	Denied   []DeniedCall   `json:"denied"`
}

// capabilityLedger accumulates a plugin's capability report across restarts.
// Safe for concurrent use.
type capabilityLedger struct {
	mu     sync.Mutex
	used   map[string]int
	denied []DeniedCall
}

func (l *capabilityLedger) use(capability string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.used == nil {
		l.used = map[string]int{}
	}
	l.used[capability]++
}

func (l *capabilityLedger) deny(d DeniedCall) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.denied = append(l.denied, d)
}

func (l *capabilityLedger) report(declared []string) CapabilityReport {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := CapabilityReport{Declared: append([]string(nil), declared...), Used: map[string]int{}, Denied: append([]DeniedCall(nil), l.denied...)}
	for k, v := range l.used {
		r.Used[k] = v
	}
	for _, d := range declared {
		if r.Used[d] == 0 {
			r.Unused = append(r.Unused, d)
		}
	}
	sort.Strings(r.Unused)
	return r
}
