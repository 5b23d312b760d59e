package curated

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

const ratesHead = "host_country,profession,profession_label,subgroup,year,period_start,period_end,aggregation,measure,component,basis,amount,amount_low,amount_high,qualifier,currency,per,workers,payment_route,observation_type,status,note,source_id,locator\n"

// syntheticRates is a contract_rates sheet of n SYNTHETIC rows, with a
// blank line after the header; bad maps a row index to its amount cell.
func syntheticRates(n int, bad map[int]string) []byte {
	var sb strings.Builder
	sb.WriteString(ratesHead + "\n")
	for i := range n {
		amount := fmt.Sprint(1000 + i)
		if a, ok := bad[i]; ok {
			amount = a
		}
		fmt.Fprintf(&sb, "BRA,doctor,,,2014,2014,2014,rate,host_pays,total,per_worker,%s,,,exact,USD,month,1,intermediary,official_document,reported,SYNTHETIC,s,row %d\n", amount, i)
	}
	return []byte(sb.String())
}

// A sheet of several chunks comes back whole and in order, each row with
// its line, whether or not the reader knows the file's size.
func TestCSVChunks(t *testing.T) {
	n := 3*chunkRows + 17
	body := syntheticRates(n, nil)
	for _, size := range []int64{0, int64(len(body))} {
		rows, err := Extract(context.Background(), snapshot.Snapshot{Name: "contract_rates.csv", Size: size}, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if rows.ContractRates.Len() != n {
			t.Fatalf("size %d: %d rows, want %d", size, rows.ContractRates.Len(), n)
		}
		for i, r := range rows.ContractRates.All() {
			if r.Locator != fmt.Sprintf("row %d", i) || r.At.Row != i+3 || *r.Amount != float64(1000+i) {
				t.Fatalf("size %d: row %d is %q at line %d amount %v", size, i, r.Locator, r.At.Row, *r.Amount)
			}
		}
	}
}

// Bad cells in different chunks are all reported, each with its line.
func TestCSVChunksBadCells(t *testing.T) {
	body := syntheticRates(2*chunkRows+5, map[int]string{3: "x1", chunkRows + 10: "x2", 2*chunkRows + 4: "x3"})
	_, err := extract(t, "contract_rates.csv", body)
	if !errors.Is(err, ErrCell) {
		t.Fatalf("error %v is not ErrCell", err)
	}
	for _, want := range []string{
		`contract_rates.csv:6: column "amount": cell is not of the column's type: "x1"`,
		fmt.Sprintf(`contract_rates.csv:%d: column "amount": cell is not of the column's type: "x2"`, chunkRows+13),
		fmt.Sprintf(`contract_rates.csv:%d: column "amount": cell is not of the column's type: "x3"`, 2*chunkRows+7),
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
}

// A cancelled context stops the read with its error.
func TestCSVChunksCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, snapshot.Snapshot{Name: "contract_rates.csv"},
		bytes.NewReader(syntheticRates(chunkRows+1, nil)))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
}
