package runlock_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cubaexports/cubaexports/pipeline/runlock"
)

// A second holder is refused while the first holds the lock.
func ExampleTryAcquire() {
	dir, _ := os.MkdirTemp("", "runlock")
	defer os.RemoveAll(dir)
	path := runlock.Path(filepath.Join(dir, "data"))
	first, err := runlock.TryAcquire(path, "release")
	if err != nil {
		panic(err)
	}
	_, err = runlock.TryAcquire(path, "run")
	var busy *runlock.BusyError
	fmt.Println(errors.Is(err, runlock.ErrBusy), errors.As(err, &busy) && busy.What == "release")
	first.Release()
	again, err := runlock.TryAcquire(path, "run")
	fmt.Println(err)
	again.Release()
	// Output:
	// true true
	// <nil>
}
