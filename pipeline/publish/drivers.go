package publish

import (
	"fmt"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file://
)

// The default binary carries the file:// and s3:// drivers (s3 can be left
// out with the build tag nos3). The Google Cloud Storage and Azure drivers
// pull in their clouds' SDKs, gRPC and OpenTelemetry (hundreds of packages,
// minutes of a cold build), so each is compiled in only with its build tag;
// cloud_all builds both. README.md, "Publishing to Google Cloud Storage or
// Azure", says how.

// optionalDrivers is the registry of the drivers left out of the default
// build: URL scheme -> the build tag that compiles it in.
func optionalDrivers() map[string]string {
	return map[string]string{"gs": "gcs", "azblob": "azure"}
}

// checkDriver returns an error naming the build tag when the driver of a
// known scheme was not compiled into this binary.
func checkDriver(to, scheme string) error {
	if blob.DefaultURLMux().ValidBucketScheme(scheme) {
		return nil
	}
	tag, ok := optionalDrivers()[scheme]
	if !ok {
		return fmt.Errorf("%w: --to %q: this cubaexports was built with the tag no%s, which leaves out the %s:// driver; build it without that tag",
			ErrNoDriver, to, scheme, scheme)
	}
	return fmt.Errorf("%w: --to %q needs the %s:// driver; build cubaexports with it: go build -tags %s ./cmd/cubaexports (or -tags cloud_all for every cloud driver; see README, \"Publishing to Google Cloud Storage or Azure\")",
		ErrNoDriver, to, scheme, tag)
}
