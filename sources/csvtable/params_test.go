package csvtable

import (
	"strings"
	"testing"

	"github.com/cubaexports/cubaexports/sources"
)

// Params are decoded strictly and checked: every mistake is named.
func TestParams(t *testing.T) {
	for _, id := range []string{"fed_fx", "imf_fx", "bls_cpi"} {
		if err := checkParams(catalogEntry(t, id)); err != nil {
			t.Errorf("catalog entry %s: %v", id, err)
		}
	}
	for _, tc := range []struct{ name, edit, want string }{
		{"unknown key", "colour: red\n", "field colour not found"},
		{"table", "table: revenue\n", `table "revenue"`},
		{"orientation", "orientation: sideways\n", `orientation "sideways"`},
		{"column", "value: Amount\n", `column "Amount" is not in the header`},
		{"years", "from: 2031\n", "years from 2031 to 2030"},
		{"publisher type", "publisher_type: blog\n", `publisher_type "blog"`},
		{"document path", "document: ../x.csv\n", `document "../x.csv"`},
		{"shared key", "currencies: {EUR: EA, XEU: EA}\n", `both read key value "EA"`},
		{"bad code", "currencies: {euro: EA}\n", `"euro"`},
		{"cpi with currencies", "table: us_cpi\n", "key, currencies and orientation are for fx_rates"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			params := synthParams
			key, _, _ := strings.Cut(tc.edit, ":")
			var kept []string
			for _, l := range strings.Split(params, "\n") {
				if !strings.HasPrefix(l, key+":") {
					kept = append(kept, l)
				}
			}
			params = strings.Join(kept, "\n") + "\n" + tc.edit
			err := checkParams(source(t, "synthetic", params))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// checkParams opens an entry as the catalog does.
func checkParams(src sources.Entry) error {
	_, err := open(src)
	return err
}
