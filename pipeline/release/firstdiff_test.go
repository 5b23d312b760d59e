package release

import "bytes"

// firstDiff returns the first line (1-based) where a and b differ, with
// that line of each ("" past the end): what verify's lineCompare reports
// when it streams a and b.
func firstDiff(a, b []byte) (line int, la, lb string, differ bool) {
	if bytes.Equal(a, b) {
		return 0, "", "", false
	}
	as, bs := bytes.SplitAfter(a, []byte("\n")), bytes.SplitAfter(b, []byte("\n"))
	for i := 0; ; i++ {
		x, y := lineAt(as, i), lineAt(bs, i)
		if x != y || i >= max(len(as), len(bs)) {
			return i + 1, x, y, true
		}
	}
}

func lineAt(lines [][]byte, i int) string {
	if i < len(lines) {
		return string(lines[i])
	}
	return ""
}
