package release

import (
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
)

func TestConform(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	sec := &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}
	ms := &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}
	want := arrow.NewSchema([]arrow.Field{{Name: "at", Type: sec, Nullable: true,
		Metadata: arrow.NewMetadata([]string{"description"}, []string{"when"})}}, nil)
	record := func(typ arrow.DataType, name string, vals ...int64) arrow.Record {
		b := array.NewTimestampBuilder(mem, typ.(*arrow.TimestampType))
		defer b.Release()
		for _, v := range vals {
			if v < 0 {
				b.AppendNull()
			} else {
				b.Append(arrow.Timestamp(v))
			}
		}
		a := b.NewArray()
		defer a.Release()
		fields := []arrow.Field{{Name: name, Type: typ, Nullable: true,
			Metadata: arrow.NewMetadata([]string{"PARQUET:field_id"}, []string{"-1"})}}
		return array.NewRecord(arrow.NewSchema(fields, nil), []arrow.Array{a}, int64(len(vals)))
	}

	in := record(ms, "at", 3000, -1, 0)
	defer in.Release()
	got, err := conform(in, want, mem)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Schema().Equal(want) {
		t.Errorf("schema %s", got.Schema())
	}
	col := got.Column(0).(*array.Timestamp)
	if col.Value(0) != 3 || !col.IsNull(1) || col.Value(2) != 0 {
		t.Errorf("values %v", col)
	}
	got.Release()

	for _, tc := range []struct {
		rec  arrow.Record
		want string
	}{
		{record(ms, "at", 1500), "row 1: 1500ms is not a whole number of s"},
		{record(ms, "when", 1000), "column 1 is when"},
		{record(&arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "America/Havana"}, "at", 0), "column at is timestamp"},
	} {
		if _, err := conform(tc.rec, want, mem); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
		tc.rec.Release()
	}
}
