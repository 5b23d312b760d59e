package publish

import "crypto/md5" //nolint:gosec // Content-MD5 is what the stores check uploads against

// md5Of is the MD5 digest stores check an upload's integrity with.
func md5Of(b []byte) []byte {
	s := md5.Sum(b)
	return s[:]
}
