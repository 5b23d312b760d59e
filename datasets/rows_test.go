package datasets

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/cubaexports/cubaexports/schemas"
)

// Sort gives exactly slices.SortStableFunc's order, ties included, for a
// fact table (by obs_id) and for a small table (by its Order columns);
// 70,000 rows are sorted in two halves at once (sortInHalves).
func TestSortStableMatchesStdlib(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 100, 5000, 70_000} {
		rows := make([]schemas.ContractRate, n)
		for i := range rows {
			rows[i] = rate(float64(i), strconv.Itoa(i)) // the note tells rows apart
			rows[i].ObsID = fmt.Sprintf("rate_%03d", rng.IntN(max(n/3, 1)))
		}
		want := slices.Clone(rows)
		slices.SortStableFunc(want, func(a, b schemas.ContractRate) int { return cmp.Compare(a.ObsID, b.ObsID) })
		fx := make([]schemas.FXRate, n)
		for i := range fx {
			fx[i] = schemas.FXRate{Currency: []string{"EUR", "BRL", "USD"}[rng.IntN(3)], Year: int64(2000 + rng.IntN(3)),
				SourceID: fmt.Sprintf("s%d", rng.IntN(max(n/5, 1))), Note: strconv.Itoa(i)}
		}
		wantFX := slices.Clone(fx)
		slices.SortStableFunc(wantFX, func(a, b schemas.FXRate) int {
			return cmp.Or(cmp.Compare(a.Currency, b.Currency), cmp.Compare(a.Year, b.Year), cmp.Compare(a.SourceID, b.SourceID))
		})
		keyed := Rows{ContractRates: Of(slices.Clone(rows)...), FXRates: fx}
		keyed.Sort()
		for i := range rows {
			if k := keyed.ContractRates.At(i); k.Note != want[i].Note {
				t.Fatalf("n=%d: row %d is %s/%s, want %s/%s", n, i, k.ObsID, k.Note, want[i].ObsID, want[i].Note)
			}
			if k := keyed.FXRates[i]; k.Note != wantFX[i].Note {
				t.Fatalf("n=%d: fx_rates row %d is %v, want %v", n, i, k, wantFX[i])
			}
		}
		if !keyed.Sorted() {
			t.Errorf("n=%d: not Sorted after sorting", n)
		}
	}
	a, b := rate(1, "b"), rate(1, "a")
	a.ObsID, b.ObsID = "rate_2", "rate_1"
	r := Rows{ContractRates: Of(a, b)}
	if r.Sorted() {
		t.Error("unsorted rows reported Sorted")
	}
}

// Append takes the first table's rows as they are and copies later ones,
// without changing the rows it was given.
func TestAppendTakesFirstTable(t *testing.T) {
	a := Of(rate(1, "a"))
	var r Rows
	r.Append(Rows{ContractRates: a})
	if r.ContractRates.s != a.s {
		t.Error("the first table was copied")
	}
	r.Append(Rows{ContractRates: Of(rate(2, "b"))})
	if r.ContractRates.Len() != 2 || r.ContractRates.At(1).Note != "b" || r.ContractRates.At(0).Note != "a" {
		t.Errorf("second append: %d rows", r.ContractRates.Len())
	}
	r.Append(Rows{})
	if r.ContractRates.Len() != 2 || r.Revenue.Len() != 0 {
		t.Error("an empty append changed the rows")
	}
}

// The identity text prints each value as fmt's %v does (the ids of
// published releases were derived that way).
func TestAppendValueIsFmtV(t *testing.T) {
	i, f, b := int64(-42), 0.1+0.2, true
	for _, v := range []any{"x, y", int64(2014), -3.5e-7, 1e21, 4100.0, f, true, &i, &f, &b, (*int64)(nil),
		time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)} {
		rv := reflect.ValueOf(v)
		want := fmt.Sprintf("%v", v)
		if rv.Kind() == reflect.Pointer {
			want = ""
			if !rv.IsNil() {
				want = fmt.Sprintf("%v", rv.Elem().Interface())
			}
		}
		if got := string(appendValue(nil, rv)); got != want {
			t.Errorf("%T %v: got %q, want %q", v, v, got, want)
		}
	}
}

// AssignIDs gives every row the id ObsID gives it alone.
func TestAssignIDsBatches(t *testing.T) {
	tb, _ := schemas.ByName(schemas.ContractRatesName)
	var rows Rows
	for i := range 9000 { // more than two workers' shares of 4,096
		r := rate(1, "")
		r.Locator = fmt.Sprintf("row %d", i)
		rows.ContractRates.Append(r)
	}
	AssignIDs(&rows)
	for i, r := range rows.ContractRates.All() {
		if got, want := r.ObsID, ObsID(tb, &r); got != want {
			t.Fatalf("row %d: %s, want %s", i, got, want)
		}
	}
}

func benchRates(n int) []schemas.ContractRate {
	rows := make([]schemas.ContractRate, n)
	for i := range rows {
		rows[i] = rate(float64(i), "")
		rows[i].Year = int64(1990 + i%35)
		rows[i].Locator = fmt.Sprintf("row %d", i)
	}
	return rows
}

func BenchmarkAssignIDs(b *testing.B) {
	rows := Rows{ContractRates: Of(benchRates(100_000)...)}
	b.ReportAllocs()
	for b.Loop() {
		AssignIDs(&rows)
	}
}

func BenchmarkSort(b *testing.B) {
	rows := Rows{ContractRates: Of(benchRates(100_000)...)}
	AssignIDs(&rows)
	shuffled := rows.ContractRates.Rows()
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for i, r := range shuffled {
			rows.ContractRates.Set(i, r)
		}
		b.StartTimer()
		rows.Sort()
	}
}
