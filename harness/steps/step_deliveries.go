package steps

import (
	"context"
	"fmt"
)

// DeliveriesArgs are the arguments of deliveries: exactly one of them.
type DeliveriesArgs struct {
	Pause     bool `json:"pause"`     // hold every delivery to the plugin
	Resume    bool `json:"resume"`    // end a pause
	Redeliver any  `json:"redeliver"` // a pattern, or true for every subscription
}

// Deliveries controls the bus's deliveries to the plugin as a host would:
// pause them, resume them, or send again at once every delivery of a
// subscription that awaits its ack.
func Deliveries(_ context.Context, env *Env, a DeliveriesArgs) error {
	p := env.Plugin
	switch {
	case a.Pause:
		return p.PauseDeliveries()
	case a.Resume:
		return p.ResumeDeliveries()
	}
	if pattern, ok := a.Redeliver.(string); ok {
		return p.Redeliver(pattern)
	}
	for _, sub := range p.Subscriptions() {
		if err := p.Redeliver(sub.Pattern); err != nil {
			return fmt.Errorf("redelivering %s: %w", sub.Pattern, err)
		}
	}
	return nil
}
