package curated

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/schemas"
	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

func extract(t *testing.T, name string, body []byte) (datasets.Rows, error) {
	t.Helper()
	return Extract(context.Background(), snapshot.Snapshot{Name: name}, bytes.NewReader(body))
}

func TestCSV(t *testing.T) {
	body, err := os.ReadFile("testdata/synthetic_revenue.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := extract(t, "revenue.csv", body)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Revenue.Len() != 3 {
		t.Fatalf("got %d rows, want 3", rows.Revenue.Len())
	}
	r0, r1, r2 := rows.Revenue.At(0), rows.Revenue.At(1), rows.Revenue.At(2)
	if r0.Value == nil || *r0.Value != 1000.5 || r0.Edition != "AEC 2022" || r0.Locator != "p. 1" || r0.SourceID != "synthetic_a" {
		t.Errorf("row 1: %+v", r0)
	}
	if r1.Value != nil || *r1.ValueLow != 10 || *r1.ValueHigh != 20 || r1.PartnerCountry != "Brasil" || r1.PeriodStart != "2019" {
		t.Errorf("row 2: %+v", r1)
	}
	if r2.Status != "withheld" || r2.Value != nil {
		t.Errorf("row 3: %+v", r2)
	}
	// Origins are the lines each record starts on, past a multi-line field and a blank line.
	for i, want := range []int{2, 3, 6} {
		if got := rows.Revenue.At(i).At; got.Row != want || got.File != "revenue.csv" {
			t.Errorf("row %d origin %+v, want line %d", i, got, want)
		}
	}
}

func TestCSVErrors(t *testing.T) {
	head := "year,period_start,period_end,aggregation,concept,partner_country,value,value_low,value_high,qualifier,currency,observation_type,status,edition,note,source_id,locator\n"
	good := "2022,2022,2022,flow,health_services_exports,WLD,1,,,exact,USD,estimate,reported,,,s,p\n"
	for _, tc := range []struct {
		name, file, body string
		want             error
		msg              string
	}{
		{"non-numeric value", "revenue.csv", head + good + "2022,2022,2022,flow,c,WLD,12abc,,,exact,USD,e,reported,,,s,p\n",
			ErrCell, `revenue.csv:3: column "value": cell is not of the column's type: "12abc" is not a number`},
		{"non-integer year", "revenue.csv", head + "20x2,2022,2022,flow,c,WLD,1,,,exact,USD,e,reported,,,s,p\n",
			ErrCell, `revenue.csv:2: column "year": cell is not of the column's type: "20x2" is not a whole number`},
		{"unknown column", "revenue.csv", strings.Replace(head, "note", "notes", 1) + good,
			ErrHeader, `revenue.csv:1: header does not match the table's input columns: "notes" is not an input column of revenue`},
		{"missing column", "revenue.csv", strings.Replace(head, ",locator", "", 1),
			ErrHeader, `revenue.csv:1: header does not match the table's input columns: column "locator" is missing`},
		{"derived column given", "revenue.csv", strings.Replace(head, "note,", "note,obs_id,", 1),
			ErrHeader, `"obs_id" is not an input column of revenue`},
		{"duplicate column", "revenue.csv", strings.Replace(head, "note,", "note,note,", 1),
			ErrHeader, `column "note" appears twice`},
		{"revenue header before periods", "revenue.csv", strings.Replace(head, ",aggregation", "", 1) + "2022,2022,2022,c,WLD,1,,,exact,USD,e,reported,,,s,p\n",
			ErrHeader, "revenue.csv:1: header does not match the table's input columns: this is the revenue header of the format before periods (issue 15): the column date is gone, and period_start, period_end and aggregation are required (docs/curation.md); expected year,period_start,period_end,aggregation,"},
		{"worker_counts header before periods", "worker_counts.csv",
			"host_country,year,date,sector,role,count,count_low,count_high,qualifier,count_kind,n_countries,observation_type,status,note,source_id,locator\n",
			ErrHeader, "worker_counts.csv:1: header does not match the table's input columns: this is the worker_counts header of the format before periods"},
		{"empty", "revenue.csv", "", ErrHeader, "revenue.csv:1: header does not match the table's input columns: the sheet is empty"},
		{"unknown table", "revenues.csv", head, ErrUnknownTable, `revenues.csv: not a curated table: "revenues"`},
		{"legacy xls", "book.xls", "", nil, "libreoffice --headless --convert-to xlsx book.xls"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, tc.file, []byte(tc.body))
			if err == nil {
				t.Fatal("no error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v is not %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not contain %q", err, tc.msg)
			}
		})
	}
}

// synthetic workbook with a README sheet, a sources sheet and a revenue
// sheet whose number cells are real numbers with a thousands format.
func workbook(t testing.TB, revenueRows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "README"))
	must(f.SetCellValue("README", "A1", "SYNTHETIC workbook for tests"))
	_, err := f.NewSheet("sources")
	must(err)
	src := [][]any{
		{"source_id", "title", "publisher", "publisher_type", "url", "language", "published", "cites", "license"},
		{"synthetic_a", "SYNTHETIC document", "Test", "press", "https://example.org/a", "en", "2020-01", "", ""},
	}
	for i, r := range src {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("sources", cell, &r))
	}
	_, err = f.NewSheet("revenue")
	must(err)
	head := []any{"year", "period_start", "period_end", "aggregation", "concept", "partner_country", "value", "value_low", "value_high",
		"qualifier", "currency", "observation_type", "status", "edition", "note", "source_id", "locator"}
	rows := append([][]any{head}, revenueRows...)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		must(f.SetSheetRow("revenue", cell, &r))
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	must(err)
	must(f.SetCellStyle("revenue", "G2", "G9", style))
	var buf bytes.Buffer
	must(f.Write(&buf))
	return buf.Bytes()
}

func TestWorkbook(t *testing.T) {
	book := workbook(t, [][]any{
		{2022, "2022", "2022", "flow", "health_services_exports", "WLD", 4882234500.5, nil, nil, "exact", "USD", "official_statistic", "reported", "", "SYNTHETIC", "synthetic_a", "p. 1"},
		{},
		{2019, "2019", "2019", "flow", "services_exports_total", "WLD", 9867141200, nil, nil, "approx", "USD", "estimate", "reported", "", "SYNTHETIC", "synthetic_a", "p. 2"},
	})
	rows, err := extract(t, "curated.xlsx", book)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.Sources) != 1 || rows.Sources[0].PublisherType != "press" {
		t.Errorf("sources: %+v", rows.Sources)
	}
	if rows.Revenue.Len() != 2 {
		t.Fatalf("revenue: %d rows, want 2", rows.Revenue.Len())
	}
	if v := rows.Revenue.At(0).Value; v == nil || *v != 4882234500.5 {
		t.Errorf("a formatted number cell must give its raw value, got %v", v)
	}
	want := schemas.Origin{File: "curated.xlsx", Sheet: "revenue", Row: 4}
	if got := rows.Revenue.At(1).At; got != want {
		t.Errorf("origin %+v, want %+v (the blank row 3 is skipped, not renumbered)", got, want)
	}
}

func TestWorkbookErrorNamesSheetRowColumn(t *testing.T) {
	book := workbook(t, [][]any{
		{2022, "2022", "2022", "flow", "c", "WLD", "lots", nil, nil, "exact", "USD", "e", "reported", "", "", "s", "p"},
	})
	_, err := extract(t, "curated.xlsx", book)
	want := `curated.xlsx: sheet "revenue" row 2: column "value": cell is not of the column's type: "lots" is not a number`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
	var le *datasets.LocatedError
	if !errors.As(err, &le) || le.At.Row != 2 || le.Column != "value" {
		t.Errorf("not a located error at row 2, column value: %#v", err)
	}
}

func TestNotAWorkbook(t *testing.T) {
	_, err := extract(t, "curated.xlsx", []byte("<html>error page</html>"))
	if err == nil || !strings.Contains(err.Error(), "curated.xlsx: not a readable .xlsx workbook") {
		t.Errorf("got %v", err)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body, _ := os.ReadFile("testdata/synthetic_revenue.csv")
	_, err := Extract(ctx, snapshot.Snapshot{Name: "revenue.csv"}, bytes.NewReader(body))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestRegistered(t *testing.T) {
	if e, ok := sources.Lookup(Kind); !ok || e == nil {
		t.Fatal("curated kind is not registered")
	}
}

// The sources sheet may leave out its optional columns (title_en,
// original_url) or give them, in any order.
func TestSourcesOptionalColumns(t *testing.T) {
	for _, tc := range []struct {
		name, body       string
		titleEN, origURL string
	}{
		{"without", "source_id,title,publisher,publisher_type,url,language,published,cites,license\n" +
			"s,Informe,P,press,https://a.example/x,es,2020,,\n", "", ""},
		{"with", "source_id,title,title_en,publisher,publisher_type,url,original_url,language,published,cites,license\n" +
			"s,Informe,Report,P,press,https://web.archive.org/x,https://a.example/x,es,2020,,\n", "Report", "https://a.example/x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := extract(t, "sources.csv", []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows.Sources) != 1 || rows.Sources[0].Title != "Informe" || rows.Sources[0].TitleEN != tc.titleEN || rows.Sources[0].OriginalURL != tc.origURL {
				t.Errorf("got %+v, want title_en %q, original_url %q", rows.Sources, tc.titleEN, tc.origURL)
			}
		})
	}
}
