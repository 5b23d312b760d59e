//go:build !noazure

package publish

import _ "gocloud.dev/blob/azureblob" // azblob://
