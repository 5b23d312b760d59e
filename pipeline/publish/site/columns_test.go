package site

import (
	"slices"
	"testing"
)

// A fact table's page shows each row's doc_check (whether its figure was
// found in the archived document) after the source, locator and page.
func TestDocCheckShownAfterPage(t *testing.T) {
	tb := &table{Header: []string{"obs_id", "year", "value", "source_id", "locator", "page", "doc_check", "doc_chars", "note"}}
	var names []string
	for _, i := range tb.shownColumns() {
		names = append(names, tb.Header[i])
	}
	want := []string{"year", "value", "note", "source_id", "locator", "page", "doc_check"}
	if !slices.Equal(names, want) {
		t.Errorf("shown columns %v, want %v", names, want)
	}
}
