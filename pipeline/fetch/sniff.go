package fetch

import (
	"bytes"
	"fmt"
)

// sniffLen is how many leading bytes of a body are checked.
const sniffLen = 512

// knownFormat reports whether Get can check a body of this format.
func knownFormat(format string) bool {
	switch format {
	case "", "xlsx", "zip", "json", "csv", "pdf", "html", "text":
		return true
	}
	return false
}

// checkFormat checks that a body beginning with head is what format
// expects: xlsx and zip start with PK\x03\x04, pdf with %PDF-, json with
// [ or { after spaces; csv and text are not HTML; html has no NUL byte.
func checkFormat(format string, head []byte) error {
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	var want string
	switch format {
	case "xlsx", "zip":
		if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
			return nil
		}
		want = "a zip archive (PK\\x03\\x04)"
	case "pdf":
		if bytes.HasPrefix(head, []byte("%PDF-")) {
			return nil
		}
		want = "a PDF (%PDF-)"
	case "json":
		if len(text) > 0 && (text[0] == '[' || text[0] == '{') {
			return nil
		}
		want = "JSON (an array or object)"
	case "csv", "text":
		if len(head) > 0 && !looksHTML(text) {
			return nil
		}
		want = "plain text, not an HTML page"
	case "html":
		if bytes.IndexByte(head, 0) < 0 {
			return nil
		}
		want = "text"
	default:
		return nil
	}
	return fmt.Errorf("%w: want %s, got %s", ErrUnexpectedBody, want, describe(head))
}

func looksHTML(text []byte) bool {
	lower := bytes.ToLower(text[:min(len(text), 16)])
	return bytes.HasPrefix(lower, []byte("<!doctype")) || bytes.HasPrefix(lower, []byte("<html"))
}

// describe quotes the start of a body for an error message.
func describe(head []byte) string {
	if len(head) == 0 {
		return "an empty body"
	}
	return fmt.Sprintf("a body starting %q", head[:min(len(head), 40)])
}
