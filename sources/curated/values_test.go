package curated

import (
	"errors"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/schemas"
)

// Numbers in a curated sheet are finite decimals: NaN, Inf and hex
// numbers were read by strconv as numbers and reached the release
// (issue 22, item 3).
func TestCSVNumbersFiniteDecimal(t *testing.T) {
	rev := "year,period_start,period_end,aggregation,concept,partner_country,value,value_low,value_high,qualifier,currency,observation_type,status,edition,note,source_id,locator\n"
	cnt := "host_country,year,period_start,period_end,aggregation,sector,role,subgroup,count,count_low,count_high,qualifier,count_kind,n_countries,observation_type,status,note,source_id,locator\n"
	for _, tc := range []struct {
		name, file, body, col, cell string
	}{
		{"NaN", "revenue.csv", rev + "2022,2022,2022,flow,c,WLD,NaN,,,exact,USD,e,reported,,,s,p\n", "value", "NaN"},
		{"Inf", "revenue.csv", rev + "2022,2022,2022,flow,c,WLD,,-Inf,+Inf,range,USD,e,reported,,,s,p\n", "value_low", "-Inf"},
		{"hex float", "revenue.csv", rev + "2022,2022,2022,flow,c,WLD,0x1p40,,,exact,USD,e,reported,,,s,p\n", "value", "0x1p40"},
		{"past float64", "revenue.csv", rev + "2022,2022,2022,flow,c,WLD,1e400,,,exact,USD,e,reported,,,s,p\n", "value", "1e400"},
		{"hex count", "worker_counts.csv", cnt + "AGO,2020,2020,2020,stock,health,doctors,,0x10,,,exact,stock,,e,reported,,s,p\n", "count", "0x10"},
		{"separators", "worker_counts.csv", cnt + "AGO,2020,2020,2020,stock,health,doctors,,1_000,,,exact,stock,,e,reported,,s,p\n", "count", "1_000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, tc.file, []byte(tc.body))
			if !errors.Is(err, ErrCell) || !errors.Is(err, schemas.ErrNotFinite) {
				t.Fatalf("got %v, want ErrCell and ErrNotFinite", err)
			}
			if want := tc.file + `:2: column "` + tc.col + `"`; !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), tc.cell) {
				t.Errorf("error %q does not name %s and %q", err, want, tc.cell)
			}
		})
	}
	if _, err := extract(t, "revenue.csv", []byte(rev+"2022,2022,2022,flow,c,WLD,1.5e3,,,exact,USD,e,reported,,,s,p\n")); err != nil {
		t.Errorf("1.5e3: %v", err)
	}
}

// A CSV that Excel saved as "CSV UTF-8" starts with a byte-order mark;
// it is read like any other (it was refused: the header's first name was
// "\ufeffyear").
func TestCSVByteOrderMark(t *testing.T) {
	body := "\xEF\xBB\xBFyear,period_start,period_end,aggregation,concept,partner_country,value,value_low,value_high,qualifier,currency,observation_type,status,edition,note,source_id,locator\n" +
		"2022,2022,2022,flow,c,WLD,1,,,exact,USD,e,reported,,,s,p\n"
	rows, err := extract(t, "revenue.csv", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if rows.Revenue.Len() != 1 || rows.Revenue.At(0).Year != 2022 {
		t.Fatalf("rows %+v", rows.Revenue.At(0))
	}
}
