//go:build !unix

package runlock

import (
	"errors"
	"os"
)

var errUnsupported = errors.New("file locks are supported on Unix systems only")

func tryLock(*os.File) (bool, error) { return false, errUnsupported }

func unlock(*os.File) error { return errUnsupported }
