package worldbank

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

// realCSV is the name of the embedded real bulk CSV.
const realCSV = "API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv"

// fxParams are the params of the catalog's worldbank_fx entry, in part.
const fxParams = `
indicator: PA.NUS.FCRF
mode: bulk
from: 2005
to: 2024
currencies: {EUR: EMU, BRL: BRA, CUP: CUB, PEN: PER, VEF: VEN, NAD: NAM}
`

const bulkURL = "https://api.worldbank.org/v2/country/all/indicator/PA.NUS.FCRF?downloadformat=csv"

// source makes a catalog source of this kind with the given params.
func source(tb testing.TB, id, url, params string) sources.Entry {
	tb.Helper()
	return sourcetest.WithParams(tb, Kind, id, url, params)
}

func extract(tb testing.TB, src sources.Entry, name string, body []byte) (datasets.Rows, error) {
	tb.Helper()
	return mustOpen(tb, src).Extract(context.Background(), snapshot.Snapshot{Name: name}, bytes.NewReader(body))
}

func realBody(tb testing.TB) []byte {
	tb.Helper()
	return embedded(tb, realCSV)
}

// embedded is the embedded document name.
func embedded(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := fs.ReadFile(embeddedFS(), name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// httpGetter is a minimal real-HTTP sources.Getter for tests: one GET,
// the body kept in memory, non-200 answers are errors. It records the
// URLs it was asked for.
type httpGetter struct {
	client *http.Client
	urls   []string
}

func (g *httpGetter) Get(ctx context.Context, name, url string) (snapshot.Document, error) {
	g.urls = append(g.urls, url)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return snapshot.Document{}, err
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return snapshot.Document{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return snapshot.Document{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return snapshot.Document{}, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	sum := sha256.Sum256(body)
	s := snapshot.Snapshot{Name: name, URL: url, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(body)),
		MediaType: resp.Header.Get("Content-Type"), RetrievedAt: time.Now().UTC()}
	return snapshot.NewDocument(s, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }), nil
}

// mustOpen opens an entry as the catalog does.
func mustOpen(tb testing.TB, src sources.Entry) *opened {
	tb.Helper()
	r, err := open(src)
	if err != nil {
		tb.Fatalf("opening %s: %v", src.ID, err)
	}
	return r.Extractor.(*opened)
}

// checkParams opens an entry as the catalog does, for its error.
func checkParams(src sources.Entry) error {
	_, err := open(src)
	return err
}
