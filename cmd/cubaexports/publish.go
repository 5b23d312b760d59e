package main

import (
	"context"
	"errors"
)

func cmdPublish(ctx context.Context, e *env, args []string) error {
	return errors.New("todo")
}
