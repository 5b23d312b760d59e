package schemas

import (
	"math"
	"strconv"
)

// precision declares, once per derived number column, how many decimals
// its CSV cells keep. The derived columns are computed (converted at an
// exchange rate, deflated, multiplied) and carry digits no source gave
// (4973168221.928471 US$); the CSV rounds them half away from zero to
// this precision, Parquet and the workbook keep the full value. Input
// columns are written as the source gave them and are never rounded.
// Keyed by table name, then column name; the codebook states the
// precision of each column, and a test holds every entry to a derived
// number column.
var precision = map[string]map[string]int{
	RevenueName: {
		"value_usd":       0, // whole US dollars: sources give millions at best
		"value_usd_const": 0,
	},
	ContractRatesName: {
		"usd_per_worker_month":      2, // cents
		"usd_per_worker_month_low":  2,
		"usd_per_worker_month_high": 2,
	},
	HostEstimatesName: {
		"host_pays_usd_per_worker_month": 2,
		"host_pays_usd_low":              2,
		"host_pays_usd_high":             2,
		"implied_revenue_usd":            0,
		"implied_revenue_usd_low":        0,
		"implied_revenue_usd_high":       0,
		"worker_share_pct":               2,
		"state_share_pct":                2,
	},
}

// Decimals returns how many decimals the CSV keeps of the named column,
// and whether the column is rounded at all.
func (t *Table) Decimals(column string) (int, bool) {
	d, ok := precision[t.Name][column]
	return d, ok
}

// AppendRounded appends v rounded half away from zero to decimals places,
// in its shortest form without exponent (trailing zeros dropped:
// 8229.216289 at 2 gives 8229.22, 12.5 at 2 gives 12.5).
func AppendRounded(dst []byte, v float64, decimals int) []byte {
	p := math.Pow10(decimals)
	r := math.Round(v*p) / p
	if math.IsInf(v*p, 0) || math.Abs(v) >= 1e15 {
		r = v // too large to scale: already has no fraction worth keeping
	}
	// Formatting with the precision, then reading back, gives the float
	// nearest the decimal text, so the shortest form is that text.
	f, _ := strconv.ParseFloat(strconv.FormatFloat(r, 'f', decimals, 64), 64)
	if f == 0 {
		f = 0 // no "-0"
	}
	return strconv.AppendFloat(dst, f, 'f', -1, 64)
}
