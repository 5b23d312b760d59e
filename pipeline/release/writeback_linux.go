package release

import (
	"os"
	"syscall"
)

// syncFileRangeWrite is SYNC_FILE_RANGE_WRITE: start writing the range's
// dirty pages back, without waiting.
const syncFileRangeWrite = 2

// writeback starts writing bytes [off, off+n) of f back to disk and
// returns at once, so that the fsync at the end of a large file waits
// for its last bytes, not for all of them. An error is ignored: the
// fsync that follows reports any that matters.
func writeback(f *os.File, off, n int64) {
	_ = syscall.SyncFileRange(int(f.Fd()), off, n, syncFileRangeWrite)
}
