package csvtable

import (
	"errors"
	"math"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
)

// FuzzExtract: any document gives rows or an error, never a panic; an
// error about the document is located; every rate is finite and above
// zero.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("Date,Code,Kind,Rate\n2020-01-01,EA,A,1.25\n"))
	f.Add([]byte("\xef\xbb\xbfDate,Code,Kind,Rate\n2020-01-01,UK,A,0.5\n2020-01-01,EA,M,x\n"))
	f.Add([]byte("Date,Code,Kind,Rate\n\"2020\",EA,A,1e308\n"))
	f.Add([]byte("Date,Code,Kind\n"))
	src := source(f, "synthetic", synthParams)
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := extract(t, src, "synthetic_rates.csv", body)
		if err != nil {
			var le *datasets.LocatedError
			if !errors.As(err, &le) {
				t.Fatalf("unlocated error %v", err)
			}
			return
		}
		for _, r := range rows.FXRates {
			if !(r.RatePerUSD > 0) || math.IsInf(r.RatePerUSD, 0) || r.Locator == "" {
				t.Fatalf("row %+v", r)
			}
		}
	})
}
