//go:build !nogcs

package publish

import _ "gocloud.dev/blob/gcsblob" // gs://
