package release

// The steps of Write a test can stop a process at (stepHook): each is
// reached after what it names is durable on disk.
const (
	stepWritten  = "written"   // the version is written and verified in its temporary directory
	stepVersion  = "version"   // the version directory is renamed into place
	stepIndex    = "index"     // index.json lists the version
	stepLatest   = "latest"    // latest names the version
	stepLockWait = "lock-wait" // Write waits for out's lock, held by another process
)

// stepHook, set only by this package's tests, is called at each step;
// a test stops or kills the process there to stand for a crash.
var stepHook func(step string)

func step(s string) {
	if stepHook != nil {
		stepHook(s)
	}
}
