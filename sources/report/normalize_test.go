package report

import "testing"

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"ligatures", "the ﬁrst ﬂows, e\uFB00ect", "the first flows, effect"},
		{"nbsp", "N$647\u00A0621 and 11\u202F520", "N$647 621 and 11 520"},
		{"quotes", "“quoted” and ‘single’ it’s", `"quoted" and 'single' it's`},
		{"soft hyphen", "remit\u00ADtances", "remittances"},
		{"hyphenation", "remit-\ntances were", "remittances were"},
		{"hyphen kept before capital", "Afro-\nCuban", "Afro-\nCuban"},
		{"digits range", "US$50-\n120", "US$50-120"},
		{"spaces", "  a \t  b  \r\n\r\n\r\n\r\nc  ", "a b\n\nc"},
		{"control", "a\x00b\x07c", "abc"},
		{"nfc", "me\u0301dicos", "médicos"},
		{"minus", "\u22125", "-5"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Normalize(tc.in); got != tc.want {
				t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
