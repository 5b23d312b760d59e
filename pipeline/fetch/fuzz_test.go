package fetch

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzCheckFormat checks that the body check never panics, rejects only
// with ErrUnexpectedBody, and never lets an HTML page pass as a table.
func FuzzCheckFormat(f *testing.F) {
	for _, seed := range []string{"PK\x03\x04", "%PDF-1.4", " [1]", "<!DOCTYPE html>", "\xef\xbb\xbf<html>", "a,b\n", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, head string) {
		for _, format := range []string{"", "xlsx", "zip", "json", "csv", "pdf", "html", "text"} {
			err := checkFormat(format, []byte(head))
			if err != nil && !errors.Is(err, ErrUnexpectedBody) {
				t.Fatalf("checkFormat(%q, %q) = %v", format, head, err)
			}
			text := bytes.TrimLeft(bytes.TrimPrefix([]byte(head), []byte("\xef\xbb\xbf")), " \t\r\n")
			if err == nil && format != "" && format != "html" && looksHTML(text) {
				t.Fatalf("checkFormat(%q, %q) let an HTML page through", format, head)
			}
		}
	})
}
