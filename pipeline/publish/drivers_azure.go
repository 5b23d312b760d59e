//go:build azure || cloud_all

package publish

import _ "gocloud.dev/blob/azureblob" // azblob://, with -tags azure
