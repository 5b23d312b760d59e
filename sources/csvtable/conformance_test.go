package csvtable

import (
	"bytes"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

// The three real files pass the conformance suite, each cut inside a
// record that the map reads (a row with fewer fields is an error).
func TestConformance(t *testing.T) {
	for _, tc := range []struct{ id, doc, cut string }{
		{"fed_fx", "fed_yearly.csv", "2024-01-01,South Afr"},
		{"imf_fx", "imf_exchangerates_A_ENDA_USD.csv", "2024-12-31,3.7525,PEN"},
		{"bls_cpi", "bls_cpiai.csv", "2025-09-01"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			body := embedded(t, tc.doc)
			at := bytes.Index(body, []byte(tc.cut))
			if at < 0 {
				t.Fatalf("%q not in %s", tc.cut, tc.doc)
			}
			sourcetest.Run(t, sourcetest.Case{Entry: catalogEntry(t, tc.id),
				Snapshot: snapshot.Snapshot{Name: tc.doc}, Body: body, TruncateAt: at + len(tc.cut)})
		})
	}
}
