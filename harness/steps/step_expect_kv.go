package steps

import (
	"context"
	"fmt"
	"github.com/conform-dev/conform/harness/scenario"
)

// ExpectKVArgs are the arguments of expect_kv: value, or absent: true.
type ExpectKVArgs struct {
	Plugin string            `json:"plugin"` // a loaded plugin's slug; the plugin under test when left out
	Key    string            `json:"key"`
	Value  *string           `json:"value"`
	Absent bool              `json:"absent"`
	Within scenario.Duration `json:"within"` // default 2s
}

// ExpectKV waits until a key of a plugin's KV store holds the value, or is
// not set.
func ExpectKV(ctx context.Context, env *Env, a ExpectKVArgs) error {
	p, err := env.plugin(a.Plugin)
	if err != nil {
		return err
	}
	got := "not set"
	err = env.waitForState(ctx, env.deadline(a.Within, DefaultWithin), func() (bool, error) {
		value, set, err := p.KV(a.Key)
		if err != nil {
			return false, fmt.Errorf("reading KV key %q: %w", a.Key, err)
		}
		got = "not set"
		if set {
			got = fmt.Sprintf("%q", value)
		}
		return set != a.Absent && (a.Absent || value == *a.Value), nil
	})
	if err == errElapsed {
		want := "not set"
		if !a.Absent {
			want = fmt.Sprintf("%q", *a.Value)
		}
		return &StepFailure{Message: fmt.Sprintf("KV key %q is %s", a.Key, got), Expected: want, Got: got}
	}
	return err
}
