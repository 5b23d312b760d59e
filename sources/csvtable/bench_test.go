package csvtable

import "testing"

// BenchmarkExtractIMF reads the largest embedded file (the IMF's, 14,107
// records, 776,607 bytes) through the catalog's column map.
func BenchmarkExtractIMF(b *testing.B) {
	src := catalogEntry(b, "imf_fx")
	body := embedded(b, "imf_exchangerates_A_ENDA_USD.csv")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extract(b, src, "imf_exchangerates_A_ENDA_USD.csv", body); err != nil {
			b.Fatal(err)
		}
	}
}
