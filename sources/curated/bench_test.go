package curated

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// BenchmarkReadCSV reads a synthetic 10,000-row contract_rates sheet.
func BenchmarkReadCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("host_country,profession,profession_label,subgroup,year,period_start,period_end,aggregation,measure,component,basis,amount,amount_low,amount_high,qualifier,currency,per,workers,payment_route,observation_type,status,note,source_id,locator\n")
	for i := range 10000 {
		fmt.Fprintf(&sb, "BRA,doctor,médicos,,2014,2014-03,2014-03,rate,host_pays,total,per_worker,%d,,,exact,BRL,month,1,intermediary,official_document,reported,SYNTHETIC row %d,synthetic,p. %d\n", 10000+i, i, i)
	}
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		rows, err := Extract(context.Background(), snapshot.Snapshot{Name: "contract_rates.csv"}, bytes.NewReader(body))
		if err != nil || rows.ContractRates.Len() != 10000 {
			b.Fatal(err)
		}
	}
}
