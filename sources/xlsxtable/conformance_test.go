package xlsxtable

import (
	"testing"

	"github.com/cubaexports/cubaexports/sources/snapshot"
	"github.com/cubaexports/cubaexports/sources/sourcetest"
)

// Every synthetic workbook passes the conformance suite, truncated in the
// middle of its zip archive.
func TestConformance(t *testing.T) {
	for _, tc := range []struct{ id, name string }{
		{"synthetic_services", "synthetic_8_3_aec2022.xlsx"},
		{"synthetic_services", "synthetic_8_3_aec2023.xlsx"},
		{"synthetic_national_accounts", "synthetic_5_x_years_down.xlsx"},
		{"synthetic_workers", "synthetic_workers.xlsx"},
	} {
		body := readFixture(t, tc.name)
		t.Run(tc.name, func(t *testing.T) {
			sourcetest.Run(t, sourcetest.Case{
				Entry:      catalogSource(t, tc.id),
				Snapshot:   snapshot.Snapshot{Name: tc.name},
				Body:       body,
				TruncateAt: len(body) / 2,
			})
		})
	}
}
