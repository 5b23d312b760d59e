package worldbank_test

import (
	"context"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/cubaexports/cubaexports/sources"
	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/worldbank"
)

// Reading Brazil's exchange rates for 2015-2016 from the embedded real
// bulk CSV.
func Example() {
	var params yaml.Node
	_ = yaml.Unmarshal([]byte("{indicator: PA.NUS.FCRF, mode: bulk, from: 2015, to: 2016, currencies: {BRL: BRA}}"), &params)
	src := sources.Entry{ID: "worldbank_fx", Kind: worldbank.Kind, Params: *params.Content[0],
		URL: "https://api.worldbank.org/v2/country/all/indicator/PA.NUS.FCRF?downloadformat=csv"}
	const name = "API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv"
	r, err := sources.Open(src) // the catalog does this once, when it loads
	if err != nil {
		panic(err)
	}
	f, err := r.Embedded.Open(name)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	rows, err := r.Extractor.Extract(context.Background(), snapshot.Snapshot{Name: name}, f)
	if err != nil {
		panic(err)
	}
	for _, r := range rows.FXRates {
		fmt.Println(r.Currency, r.Year, r.RatePerUSD, r.Locator)
	}
	fmt.Println(rows.Sources[0].Published)
	// Output:
	// BRL 2015 3.32690438276879 csv=row 35, col "2015"
	// BRL 2016 3.49131342157271 csv=row 35, col "2016"
	// 2025-07-01
}
