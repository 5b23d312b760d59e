package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// macroDocuments are the embedded WDI files, by the source_id of their
// catalog entries.
var macroDocuments = map[string]string{
	"worldbank_gdp":                 "ny.gdp.mktp.cd.csv",
	"worldbank_exports_pct_gdp":     "ne.exp.gnfs.zs.csv",
	"worldbank_merchandise_exports": "tx.val.mrch.cd.wt.csv",
}

// macroAcceptance checks the macro tables of a release built offline from
// the embedded WDI files (issue 23): Cuba's 2019 GDP and exports share as
// published, every macro_indicators row located at its line of the file
// its snapshot_sha256 names; macro_shares recomputed from the release's
// CSV files alone; no share joining values across a declared break; the
// codebook describing every column.
func macroAcceptance(t *testing.T, rel string) {
	t.Helper()
	macro := releaseRows(t, filepath.Join(rel, "data", "macro_indicators.csv"))
	byObs := map[string]map[string]string{}
	series := map[string]map[string]map[string]string{} // indicator -> year -> row
	files := map[string][]string{}
	for _, m := range macro {
		byObs[m["obs_id"]] = m
		if series[m["indicator"]] == nil {
			series[m["indicator"]] = map[string]map[string]string{}
		}
		series[m["indicator"]][m["year"]] = m
		doc := macroDocuments[m["source_id"]]
		if files[doc] == nil {
			b, err := os.ReadFile(filepath.Join("..", "..", "sources", "worldbank", "data", doc))
			if err != nil {
				t.Fatal(err)
			}
			if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != m["snapshot_sha256"] {
				t.Fatalf("%s: snapshot_sha256 %s is not the embedded %s", m["obs_id"], m["snapshot_sha256"], doc)
			}
			files[doc] = strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
		}
		var n int
		if _, err := fmt.Sscanf(m["locator"], `csv=row %d, col "Value"`, &n); err != nil || n < 2 || n > len(files[doc]) {
			t.Fatalf("%s: locator %q", m["obs_id"], m["locator"])
		}
		if got, want := files[doc][n-1], "Cuba,CUB,"+m["year"]+","; !strings.HasPrefix(got, want) || !sameNumber(strings.TrimPrefix(got, want), m["value"]) {
			t.Errorf("%s (%s %s = %s): line %d of %s is %q", m["obs_id"], m["indicator"], m["year"], m["value"], n, doc, got)
		}
	}
	for ind, want := range map[string]string{"NY.GDP.MKTP.CD": "103427600000", "NE.EXP.GNFS.ZS": "12.2133743797594"} {
		if r := series[ind]["2019"]; r == nil || r["value"] != want || r["country"] != "CUB" {
			t.Errorf("Cuba's %s 2019: %v, want %s", ind, r, want)
		}
	}
	breaks := releaseRows(t, filepath.Join(rel, "data", "series_breaks.csv"))
	for _, b := range breaks {
		for year, m := range series[b["indicator"]] {
			after := year >= b["year"]
			if after != strings.HasPrefix(m["segment"], "from "+b["year"]) {
				t.Errorf("%s %s: segment %q, across the break of %s", b["indicator"], year, m["segment"], b["year"])
			}
		}
	}
	if len(breaks) == 0 {
		t.Error("no series_breaks row: the 2021 break of Cuba's GDP and exports share is declared")
	}
	recomputeShares(t, rel, series, byObs)
	codebook, err := os.ReadFile(filepath.Join(rel, "CODEBOOK.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"macro_indicators", "macro_shares", "series_breaks"} {
		header := releaseHeader(t, filepath.Join(rel, "data", table+".csv"))
		for _, col := range header {
			if !strings.Contains(string(codebook), "| `"+col+"` |") {
				t.Errorf("CODEBOOK.md does not describe %s.%s", table, col)
			}
		}
	}
}

// recomputeShares recomputes every macro_shares row from macro_indicators
// and revenue as published, and checks that each input it names is of the
// row's year and segment.
func recomputeShares(t *testing.T, rel string, series map[string]map[string]map[string]string, byObs map[string]map[string]string) {
	t.Helper()
	revenue := map[string]map[string]string{}
	for _, r := range releaseRows(t, filepath.Join(rel, "data", "revenue.csv")) {
		if r["concept"] == "services_exports_total" && r["partner_country"] == "WLD" && r["observation_type"] == "official_statistic" &&
			r["preferred"] == "true" && r["aggregation"] == "flow" && r["period_start"] == r["year"] && r["period_end"] == r["year"] && r["value_usd"] != "" {
			revenue[r["year"]] = r
		}
	}
	shares := releaseRows(t, filepath.Join(rel, "data", "macro_shares.csv"))
	if len(shares) < 40 {
		t.Fatalf("%d macro_shares rows", len(shares))
	}
	obsRE := regexp.MustCompile(`mac_[0-9a-f]{12}`)
	for _, s := range shares {
		y := s["year"]
		val := func(ind string) (float64, bool) {
			m := series[ind][y]
			if m == nil {
				return 0, false
			}
			return parseNum(t, m["value"]), true
		}
		gdp, hasGDP := val("NY.GDP.MKTP.CD")
		pct, hasPct := val("NE.EXP.GNFS.ZS")
		merch, hasMerch := val("TX.VAL.MRCH.CD.WT")
		exports, hasExports := val("NE.EXP.GNFS.CD")
		if !hasExports && hasPct && hasGDP {
			exports, hasExports = pct*gdp/100, true
		}
		check := func(col string, want float64, ok bool) {
			if got := s[col]; ok != (got != "") || ok && !nearly(parseNum(t, got), want) {
				t.Errorf("macro_shares %s %s = %q, recomputed %v (known %v)", y, col, got, want, ok)
			}
		}
		check("gdp_usd", gdp, hasGDP)
		check("exports_usd", exports, hasExports)
		check("services_residual_usd", exports-merch, hasExports && hasMerch)
		r := revenue[y]
		if r != nil && s["revenue_obs_id"] != r["obs_id"] {
			t.Errorf("macro_shares %s: revenue_obs_id %s, the preferred official figure is %s", y, s["revenue_obs_id"], r["obs_id"])
		}
		if r != nil {
			rev := parseNum(t, r["value_usd"])
			check("revenue_pct_gdp", rev/gdp*100, hasGDP)
			check("revenue_pct_exports", rev/exports*100, hasExports)
		} else {
			check("revenue_pct_gdp", 0, false)
		}
		for _, id := range obsRE.FindAllString(strings.Join([]string{s["gdp_obs_id"], s["merchandise_obs_id"], s["exports_usd_method"], s["services_residual_method"]}, " "), -1) {
			m := byObs[id]
			if m == nil || m["year"] != y || m["segment"] != "" && m["segment"] != s["segment"] {
				t.Errorf("macro_shares %s (segment %q) names input %s: %v", y, s["segment"], id, m)
			}
		}
	}
}

// sameNumber reports whether two texts are the same number.
func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && x == y
}

func parseNum(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// nearly reports whether a equals b up to rounding.
func nearly(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// releaseHeader is the header line of a release CSV file.
func releaseHeader(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	return strings.Split(strings.TrimSpace(first), ",")
}
