//go:build !gcs && !azure && !cloud_all

package publish_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish"
)

// TestOptionalDriversLeftOut: the default build has no gs:// or azblob://
// driver, and asking for one says which build tag adds it.
func TestOptionalDriversLeftOut(t *testing.T) {
	for to, tag := range map[string]string{"gs://bucket/x": "-tags gcs", "azblob://container/x": "-tags azure"} {
		_, err := publish.OpenBucket(t.Context(), to)
		if !errors.Is(err, publish.ErrNoDriver) || !strings.Contains(err.Error(), tag) || !strings.Contains(err.Error(), "cloud_all") {
			t.Errorf("OpenBucket(%q): %v; want ErrNoDriver naming %q and cloud_all", to, err, tag)
		}
	}
}
