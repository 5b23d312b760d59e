//go:build gcs || cloud_all

package publish

import _ "gocloud.dev/blob/gcsblob" // gs://, with -tags gcs
