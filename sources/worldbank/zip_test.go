package worldbank

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
)

// bulkZip builds a download as the World Bank ships it: the data CSV and
// two Metadata files (synthetic here, they are not read).
func bulkZip(tb testing.TB, members map[string][]byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(members)) {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write(members[name]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func realZip(tb testing.TB) []byte {
	return bulkZip(tb, map[string][]byte{
		realCSV:                         realBody(tb),
		"Metadata_Country_" + realCSV:   []byte("\xef\xbb\xbf\"Country Code\",\"Region\",\n\"SYN\",\"SYNTHETIC\",\n"),
		"Metadata_Indicator_" + realCSV: []byte("\xef\xbb\xbf\"INDICATOR_CODE\",\"INDICATOR_NAME\",\n\"PA.NUS.FCRF\",\"SYNTHETIC\",\n"),
	})
}

func TestBulkZip(t *testing.T) {
	src := source(t, "worldbank_fx", bulkURL, fxParams)
	rows, err := extract(t, src, "PA.NUS.FCRF.zip", realZip(t))
	if err != nil {
		t.Fatal(err)
	}
	r := rate(rows, "BRL", 2016)
	if r == nil || r.RatePerUSD != 3.49131342157271 || r.Locator != `zip=`+realCSV+`, csv=row 35, col "2016"` ||
		r.At.File != "PA.NUS.FCRF.zip/"+realCSV || r.At.Row != 35 {
		t.Errorf("BRL 2016: %+v", r)
	}
	plain, err := extract(t, src, realCSV, realBody(t))
	if err != nil || len(plain.FXRates) != len(rows.FXRates) {
		t.Errorf("the ZIP gave %d rates, the CSV %d (%v)", len(rows.FXRates), len(plain.FXRates), err)
	}
	if len(rows.Sources) != 1 || rows.Sources[0].Published != "2025-07-01" {
		t.Errorf("sources %+v", rows.Sources)
	}
}

func TestBulkZipErrors(t *testing.T) {
	src := source(t, "fx", bulkURL, fxParams)
	body := realBody(t)
	full := realZip(t)
	for _, tc := range []struct {
		name   string
		zip    []byte
		msg    string
		layout bool
	}{
		{"no data member", bulkZip(t, map[string][]byte{"Metadata_Country_x.csv": []byte("x")}), `no API_PA.NUS.FCRF_*.csv among ["Metadata_Country_x.csv"]`, true},
		{"two data members", bulkZip(t, map[string][]byte{realCSV: body, "API_PA.NUS.FCRF_DS2_en_csv_v2_1.csv": body}), "two data files", true},
		{"truncated", full[:len(full)/2], "b.zip: not a readable ZIP archive", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, src, "b.zip", tc.zip)
			var le *datasets.LocatedError
			if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.msg) || errors.Is(err, sources.ErrLayoutChanged) != tc.layout {
				t.Errorf("got %v, want a located error containing %s", err, tc.msg)
			}
		})
	}
}

// Mode bulk fetches one document at the catalog URL, named for the
// indicator and format, and the fetched ZIP extracts like the CSV.
func TestFetchBulk(t *testing.T) {
	body := realZip(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v2/country/all/indicator/PA.NUS.FCRF" || r.URL.Query().Get("downloadformat") != "csv" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/zip")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	src := source(t, "worldbank_fx", srv.URL+"/v2/country/all/indicator/PA.NUS.FCRF?downloadformat=csv", fxParams)
	docs, err := mustOpen(t, src).fetch(context.Background(), &httpGetter{client: srv.Client()})
	if err != nil || len(docs) != 1 || docs[0].Name != "PA.NUS.FCRF.zip" {
		t.Fatalf("docs %+v, %v", docs, err)
	}
	rows, err := extractDoc(t, src, docs[0])
	if err != nil {
		t.Fatal(err)
	}
	if r := rate(rows, "EUR", 2005); r == nil || r.RatePerUSD != 0.803800192161442 {
		t.Errorf("EUR 2005: %+v", r)
	}
}
