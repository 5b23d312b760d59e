package datasets

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"

	"github.com/cubaexports/cubaexports/schemas"
)

// randomRow fills every field of a T with a random value (text from a
// small or a large alphabet, so text columns widen their codes; nil and
// set pointers; times in UTC and in other zones; NaN and infinities).
func randomRow[T any](rng *rand.Rand, distinct int) T {
	var r T
	fill(rng, reflect.ValueOf(&r).Elem(), distinct)
	return r
}

var zones = []*time.Location{time.UTC, time.FixedZone("UTC-5", -5*3600), time.Local}

func fill(rng *rand.Rand, v reflect.Value, distinct int) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		t := time.Unix(rng.Int64N(4e9)-2e9, rng.Int64N(1e9)).In(zones[rng.IntN(len(zones))])
		if rng.IntN(10) == 0 {
			t = time.Time{}
		}
		v.Set(reflect.ValueOf(t))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fill(rng, v.Field(i), distinct)
		}
	case reflect.String:
		if rng.IntN(8) > 0 {
			v.SetString(fmt.Sprintf("v%d", rng.IntN(distinct)))
		}
	case reflect.Int, reflect.Int64:
		v.SetInt(rng.Int64() - rng.Int64())
	case reflect.Float64:
		v.SetFloat([]float64{rng.NormFloat64() * 1e6, 0, math.Inf(1), math.Copysign(0, -1)}[rng.IntN(4)])
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 1)
	case reflect.Pointer:
		if rng.IntN(3) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(rng, p.Elem(), distinct)
		v.Set(p)
	}
}

// same compares rows field by field, times by instant and zone.
func same[T any](a, b T) bool { return reflect.DeepEqual(a, b) }

func roundTrip[T any](t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, distinct := range []int{3, 300, 1 << 30} { // one-byte, two-byte codes; nearly every text distinct
		n := 2000
		want := make([]T, n)
		for i := range want {
			want[i] = randomRow[T](rng, distinct)
		}
		var c Columns[T]
		c.Append(want...) // over parallelRows: the two parts appended at once
		if c.Len() != n {
			t.Fatalf("%T: %d rows, want %d", want[0], c.Len(), n)
		}
		var small Columns[T] // under parallelRows: the parts in turn
		for i := 0; i < n; i += 7 {
			small.Append(want[i:min(i+7, n)]...)
		}
		for i, r := range small.All() {
			if !same(r, want[i]) {
				t.Fatalf("%T (%d distinct), appended 7 at a time: row %d\n got %+v\nwant %+v", r, distinct, i, r, want[i])
			}
		}
		for i, r := range c.All() {
			if !same(r, want[i]) {
				t.Fatalf("%T (%d distinct): row %d\n got %+v\nwant %+v", r, distinct, i, r, want[i])
			}
		}
		// Write every row back changed, and every other row unchanged.
		for i := range n {
			if i%2 == 0 {
				want[i] = randomRow[T](rng, distinct)
				c.Set(i, want[i])
			}
		}
		c.Edit(func(i int, r *T) {
			if i%3 == 0 {
				*r = randomRow[T](rng, distinct)
				want[i] = *r
			}
		})
		// Edit the provenance alone: every fifth row's whole, the source of
		// every other row's, the rest left as they are.
		k := 0
		c.editProvenance(func(p *schemas.Provenance) {
			switch {
			case k%5 == 0:
				*p = randomRow[schemas.Provenance](rng, distinct)
			case k%2 == 0:
				p.SourceID = fmt.Sprintf("s%d", k)
			}
			*any(&want[k]).(provenanced).Prov() = *p
			k++
		})
		if k != n {
			t.Fatalf("%T: editProvenance called its function %d times for %d rows", want[0], k, n)
		}
		idx := rng.Perm(n)
		c.permute(slices.Clone(idx))
		for j, i := range idx {
			if got := c.At(j); !same(got, want[i]) {
				t.Fatalf("%T (%d distinct): after edits and a permutation, row %d\n got %+v\nwant %+v", got, distinct, j, got, want[i])
			}
		}
		cl := c.Clone()
		c.Set(0, randomRow[T](rng, distinct))
		if !same(cl.At(0), want[idx[0]]) {
			t.Errorf("%T: a clone changed with its original", want[0])
		}
	}
}

// Every fact table's rows come back from the column store exactly as
// they went in, through Append, Set, Edit, editProvenance, permutation
// and Clone.
func TestColumnsRoundTrip(t *testing.T) {
	roundTrip[schemas.Revenue](t)
	roundTrip[schemas.ContractRate](t)
	roundTrip[schemas.WorkerCount](t)
	roundTrip[schemas.MacroIndicator](t)
	roundTrip[everyKind](t) // the reflective store
}

// everyKind has a field of every kind a store holds, and no generated
// store.
type everyKind struct {
	S  string
	I  int
	I8 int64
	F  float64
	B  bool
	T  time.Time
	PI *int64
	PF *float64
	PB *bool
	PT *time.Time
	schemas.Provenance
}

// A text column widens its codes from one byte to two and to four as its
// distinct values pass 256 and 65,536, and keeps every value.
func TestTextWidens(t *testing.T) {
	const n = 70_001 // prime to 7, so val gives n distinct values
	x := newText(0)
	val := func(i int) string { return strconv.Itoa(i * 7 % n) }
	for i := range n {
		x.push(val(i))
		switch {
		case i == 255 && (x.c8 == nil || x.c16 != nil):
			t.Fatal("256 values not in one-byte codes")
		case i == 256 && x.c16 == nil:
			t.Fatal("257 values not in two-byte codes")
		case i == 65_536 && x.c32 == nil:
			t.Fatal("65,537 values not in four-byte codes")
		}
	}
	// fill gives each value its own code, in the width the count needs.
	for _, m := range []int{0, 200, 300, n} {
		y := newText(0)
		vals := make([]string, m)
		for i := range vals {
			vals[i] = val(i)
		}
		y.fill(vals)
		if wide := [3]bool{y.c8 != nil, y.c16 != nil, y.c32 != nil}; wide != [3]bool{m <= 256, m > 256 && m <= 65_536, m > 65_536} {
			t.Errorf("fill %d: codes %v", m, wide)
		}
		y.push("new")
		for i, v := range vals {
			if y.get(i) != v {
				t.Fatalf("fill %d: row %d is %q, want %q", m, i, y.get(i), v)
			}
		}
		if y.get(m) != "new" || y.code(val(m/2)) != uint32(m/2) && m > 0 {
			t.Errorf("fill %d: after a push, row %d is %q", m, m, y.get(m))
		}
	}
	x.set(5, val(9))
	x.push(val(3)) // an old value: no new code
	if len(x.spans) != n || x.len() != n+1 {
		t.Fatalf("%d values, %d rows", len(x.spans), x.len())
	}
	for i := range n + 1 {
		want := val(i)
		switch i {
		case 5:
			want = val(9)
		case n:
			want = val(3)
		}
		if got := x.get(i); got != want {
			t.Fatalf("row %d: %q, want %q", i, got, want)
		}
	}
}

// A row handed out does not change when the store changes afterwards:
// its text stays what it was and its pointers are its own.
func TestColumnsCopies(t *testing.T) {
	amount := 100.0
	c := Of(schemas.ContractRate{HostCountry: "BRA", Amount: &amount})
	r := c.At(0)
	amount = 5
	if *r.Amount != 100 || *c.At(0).Amount != 100 {
		t.Errorf("stored amount follows the caller's pointer: %v", *c.At(0).Amount)
	}
	*r.Amount = 7
	c.Set(0, schemas.ContractRate{HostCountry: "VEN"})
	for i := range 1000 { // grow the arena past its first array
		c.Append(schemas.ContractRate{HostCountry: fmt.Sprintf("X%04d", i)})
	}
	if r.HostCountry != "BRA" || *r.Amount != 7 || c.At(0).HostCountry != "VEN" || c.At(0).Amount != nil {
		t.Errorf("copy %q %v, stored %q %v", r.HostCountry, *r.Amount, c.At(0).HostCountry, c.At(0).Amount)
	}
}

// The store refuses a field type it cannot hold, naming it.
func TestLayoutRefusesUnknownTypes(t *testing.T) {
	type named string
	type row struct {
		A string
		B named
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "field B has type datasets.named") {
			t.Errorf("panic %v", r)
		}
	}()
	newStore[row](0)
}

// benchColumns is n synthetic contract rates (made-up values, for timing
// only) in a column store, in the order of their obs_ids.
func benchColumns(n int) Columns[schemas.ContractRate] {
	c := Of(benchRates(n)...)
	rows := Rows{ContractRates: c}
	AssignIDs(&rows)
	rows.Sort()
	return rows.ContractRates
}

func BenchmarkColumnsAll(b *testing.B) {
	c := benchColumns(200_000)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, r := range c.All() {
			n += len(r.ObsID)
		}
	}
}

func BenchmarkColumnsEdit(b *testing.B) {
	c := benchColumns(200_000)
	b.ReportAllocs()
	for b.Loop() {
		c.Edit(func(_ int, r *schemas.ContractRate) { r.Year++ })
	}
}

// The column writers give the bytes and records the row writers of
// schemas give, for random rows of every fact table, whole and in slices.
func TestWritersMatchSchemas(t *testing.T) {
	writersMatch[schemas.Revenue](t, schemas.RevenueName)
	writersMatch[schemas.ContractRate](t, schemas.ContractRatesName)
	writersMatch[schemas.WorkerCount](t, schemas.WorkerCountsName)
}

func writersMatch[T any](t *testing.T, name string) {
	rng := rand.New(rand.NewPCG(3, 4))
	tb, _ := schemas.ByName(name)
	rows := make([]T, 700)
	for i := range rows {
		rows[i] = randomRow[T](rng, 50)
	}
	// Text that needs CSV quoting or formula escaping, and empty text.
	set := func(r *T, col string, v string) {
		for _, c := range tb.Columns {
			if c.Name == col {
				c.Field(reflect.ValueOf(r).Elem()).SetString(v)
			}
		}
	}
	set(&rows[0], "note", "=SUM(A1), \"quoted\"\nline")
	set(&rows[1], "note", "")
	set(&rows[2], "locator", " -leading")
	c := Of(rows...)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, r := range [][2]int{{0, len(rows)}, {0, 0}, {13, 400}, {699, 700}} {
		lo, hi := r[0], r[1]
		x := facts[T]{tb, c, 0, c.Len()}.Slice(lo, hi)
		var got, want bytes.Buffer
		if err := x.WriteCSV(&got); err != nil {
			t.Fatal(err)
		}
		if err := schemas.WriteCSV(&want, tb, rows[lo:hi]); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("%s [%d:%d]: CSV differs\n got %.300q\nwant %.300q", name, lo, hi, got.String(), want.String())
		}
		gr, err := x.Record(mem)
		if err != nil {
			t.Fatal(err)
		}
		wr, err := schemas.Record(mem, tb, rows[lo:hi])
		if err != nil {
			t.Fatal(err)
		}
		if !array.RecordEqual(gr, wr) || !gr.Schema().Equal(wr.Schema()) {
			t.Errorf("%s [%d:%d]: Arrow records differ", name, lo, hi)
		}
		gr.Release()
		wr.Release()
	}
}

// SetFlags writes one boolean column of every row and nothing else; a
// column that is not a *bool field is a programming error.
func TestSetFlags(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	want := make([]schemas.WorkerCount, 1000)
	for i := range want {
		want[i] = randomRow[schemas.WorkerCount](rng, 50)
	}
	var c Columns[schemas.WorkerCount]
	c.Append(want...)
	c.SetFlags("preferred", func(i int) bool { return i%3 == 0 })
	for i, r := range c.All() {
		flag := i%3 == 0
		w := want[i]
		w.Preferred = &flag
		if !same(r, w) {
			t.Fatalf("row %d\n got %+v\nwant %+v", i, r, w)
		}
	}
	for _, col := range []string{"note", "count", "no_such_column"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SetFlags(%q) did not panic", col)
				}
			}()
			c.SetFlags(col, func(int) bool { return true })
		}()
	}
}

// MapText and SetTextBy change the rows as an Edit doing the same per
// row would, calling fn once per distinct text, and widen a column's
// codes when the new texts need it.
func TestMapTextAndSetTextBy(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, distinct := range []int{3, 200, 5000} {
		want := make([]schemas.ContractRate, 3000)
		for i := range want {
			want[i] = randomRow[schemas.ContractRate](rng, distinct)
		}
		var c Columns[schemas.ContractRate]
		c.Append(want...)
		upper := func(v string) string {
			if strings.HasSuffix(v, "7") {
				return v // some texts stay
			}
			return strings.ToUpper(v) + "-" + v // every other one new: codes widen past 8 bits
		}
		calls := map[string]int{}
		c.MapText("host_country", func(v string) string { calls[v]++; return upper(v) })
		isco := func(p string) (string, bool) { return "isco-" + p, strings.HasSuffix(p, "1") }
		c.SetTextBy("isco08", "profession", isco)
		for i := range want {
			want[i].HostCountry = upper(want[i].HostCountry)
			if v, ok := isco(want[i].Profession); ok {
				want[i].ISCO08 = v
			}
		}
		for v, n := range calls {
			if n != 1 {
				t.Fatalf("fn called %d times with %q", n, v)
			}
		}
		for i, r := range c.All() {
			if !same(r, want[i]) {
				t.Fatalf("%d distinct: row %d\n got %+v\nwant %+v", distinct, i, r, want[i])
			}
		}
		c.Set(0, want[1]) // the dictionary still takes new and old texts
		if got := c.At(0); !same(got, want[1]) {
			t.Fatalf("after a Set: %+v, want %+v", got, want[1])
		}
	}
}
