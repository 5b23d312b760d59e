package archive

import (
	"slices"
	"testing"

	"github.com/cubaexports/cubaexports/schemas"
)

// The link statuses and copy origins the archiver writes are the terms of
// the vocabularies the sources table declares, and no others.
func TestStatusesAreTheVocabulary(t *testing.T) {
	for name, codes := range map[string][]string{
		"link_status":   {StatusOK, StatusRedirected, StatusGone, StatusBlocked, StatusFailed, StatusNotTried},
		"archived_from": {FromPublisher, FromWayback},
	} {
		v, ok := schemas.VocabByName(name)
		if !ok {
			t.Fatalf("no vocabulary %s", name)
		}
		if got := v.Codes(); !slices.Equal(got, codes) {
			t.Errorf("vocabulary %s: %v, the archiver writes %v", name, got, codes)
		}
	}
}
