package worldbank

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// MaxPages bounds how many API pages one source may take; more means the
// URL asks for far more than a catalog entry should (raise per_page).
const MaxPages = 1000

// fetch gets an entry's documents through get. In mode bulk that is one
// document, "<indicator>.zip" (or ".csv"), at the source's URL. In mode
// api it gets page 1 ("page-1.json") at the URL, reads its page count,
// then pages 2..N at the URL plus "&page=N", each its own document
// "page-N.json". An error answer or a page count that changes between
// pages (the data were updated while fetching) fails the whole fetch.
func (x *opened) fetch(ctx context.Context, get sources.Getter) ([]snapshot.Document, error) {
	p, src := x.p, x.src
	if p.Mode == ModeBulk {
		d, err := get.Get(ctx, p.Indicator+"."+x.format(), src.URL)
		if err != nil {
			return nil, err
		}
		return []snapshot.Document{d}, nil
	}
	first, pages, err := fetchPage(ctx, get, src, 1, 0)
	if err != nil {
		return nil, err
	}
	if pages > MaxPages {
		return nil, fmt.Errorf("source %s: %d pages, more than %d: raise per_page in the URL", src.ID, pages, MaxPages)
	}
	docs := []snapshot.Document{first}
	for n := 2; n <= pages; n++ {
		d, _, err := fetchPage(ctx, get, src, n, pages)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// fetchPage gets page n and checks it is page n of want pages (want 0:
// any count, for page 1). It returns the page count the page states.
func fetchPage(ctx context.Context, get sources.Getter, src sources.Entry, n, want int) (snapshot.Document, int, error) {
	if err := ctx.Err(); err != nil {
		return snapshot.Document{}, 0, err
	}
	name := "page-" + strconv.Itoa(n) + ".json"
	d, err := get.Get(ctx, name, pageURL(src.URL, n))
	if err != nil {
		return snapshot.Document{}, 0, fmt.Errorf("source %s: %s: %w", src.ID, name, err)
	}
	rc, err := d.Open()
	if err != nil {
		return snapshot.Document{}, 0, fmt.Errorf("source %s: %s: %w", src.ID, name, err)
	}
	defer rc.Close()
	pg, err := decodePage(name, rc)
	if err != nil {
		return snapshot.Document{}, 0, fmt.Errorf("source %s: %w", src.ID, err)
	}
	got := int(pg.meta.Pages)
	if want == 0 {
		want = got
	}
	if int(pg.meta.Page) != n || got != want {
		return snapshot.Document{}, 0, fmt.Errorf("source %s: %s says it is page %d of %d, want page %d of %d (data updated while fetching? fetch again)",
			src.ID, name, pg.meta.Page, got, n, want)
	}
	return d, got, nil
}

// pageURL is the URL of page n: the source's URL itself for page 1.
func pageURL(u string, n int) string {
	if n == 1 {
		return u
	}
	sep := "&"
	if !strings.Contains(u, "?") {
		sep = "?"
	}
	return u + sep + "page=" + strconv.Itoa(n)
}
