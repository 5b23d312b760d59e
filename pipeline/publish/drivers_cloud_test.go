//go:build cloud_all

package publish_test

import (
	"testing"

	"github.com/cubaexports/cubaexports/pipeline/publish"
	"github.com/cubaexports/cubaexports/pipeline/publish/internal/publishtest"
)

// TestCloudDriversBuiltIn: with -tags cloud_all the gs:// and azblob://
// drivers are there (a dry run checks the driver and contacts nothing).
func TestCloudDriversBuiltIn(t *testing.T) {
	out := publishtest.Release(t)
	for _, to := range []string{"gs://bucket/x", "azblob://container/x"} {
		if _, err := publish.Publish(t.Context(), publish.Options{To: to, Releases: out, DryRun: true}); err != nil {
			t.Errorf("dry run to %s: %v", to, err)
		}
	}
}
