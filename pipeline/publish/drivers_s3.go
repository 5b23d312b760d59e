//go:build !nos3

package publish

import _ "gocloud.dev/blob/s3blob" // s3://
