package publish

// The file:// driver is always built in; the cloud drivers each have a
// build tag that leaves them out of a smaller binary (see
// docs/dependencies.md): nos3, nogcs, noazure.
import _ "gocloud.dev/blob/fileblob" // file://
