package steps

import (
	"context"
	"fmt"

	"github.com/conform-dev/conform/mockruntime/wire"
)

// AnswerArgs are the arguments of answer: a result or an error.
type AnswerArgs struct {
	Service string      `json:"service"` // resources.get, voice.tokens, core.users.get, ...
	Result  any         `json:"result"`
	Error   *wire.Error `json:"error"`
}

// Answer decides what every later call of a platform service (§9.12)
// returns, whatever its params (EXT-1).
func Answer(_ context.Context, env *Env, a AnswerArgs) error {
	result, answerErr := a.Result, a.Error
	err := env.Runtime.SetAnswer(a.Service, func(map[string]any) (any, error) {
		if answerErr != nil {
			return nil, answerErr
		}
		return result, nil
	})
	if err != nil {
		return fmt.Errorf("answering %s: %w", a.Service, err)
	}
	return nil
}
