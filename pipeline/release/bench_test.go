package release

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
)

// benchRows are n synthetic revenue rows over the two synthetic sources.
func benchRows(n int) datasets.Rows {
	r := syntheticRows()
	base := r.Revenue.At(0)
	concepts := []string{"health_services_exports", "services_exports_total", "professional_services_exports"}
	rev := make([]schemas.Revenue, n)
	for i := range rev {
		row := base
		row.Year = int64(1990 + i%35)
		row.Concept = concepts[i%len(concepts)]
		row.PartnerCountry = fmt.Sprintf("X%02d", i%100)
		row.Value = f64(float64(i) * 1234.5)
		row.Locator = fmt.Sprintf("synthetic row %d", i)
		row.RetrievedAt = base.RetrievedAt.Add(time.Duration(i) * time.Second)
		rev[i] = row
	}
	r.Revenue = datasets.Of(rev...)
	datasets.AssignIDs(&r)
	return r
}

func BenchmarkBuild(b *testing.B) {
	in := syntheticInput()
	in.Rows = benchRows(50_000)
	root := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		out, err := os.MkdirTemp(root, "out-")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Write(context.Background(), out, in); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkWriteData writes the CSV and Parquet files of 50,000 rows (the
// part of a release the scale benchmark times).
func BenchmarkWriteData(b *testing.B) {
	in := syntheticInput()
	in.Rows = benchRows(50_000)
	root := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		dir, err := os.MkdirTemp(root, "data-")
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteData(context.Background(), dir, in); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkFingerprint renders 50,000 rows' CSV into the fingerprint hash.
func BenchmarkFingerprint(b *testing.B) {
	in := syntheticInput()
	in.Rows = benchRows(50_000)
	d, err := newDraft(in, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.fingerprint(); err != nil {
			b.Fatal(err)
		}
	}
}
