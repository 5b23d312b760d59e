package xlsxtable

// Params is a source's layout map: the params of an xlsxtable catalog
// entry, decoded strictly (unknown keys are errors). docs/yearbook-layouts.md
// documents every key with a full example.
type Params struct {
	// Table is the output table: revenue or worker_counts.
	Table string `yaml:"table"`
	// Publisher of the documents (default ONEI), for the sources row.
	Publisher string `yaml:"publisher,omitempty"`
	// PublisherType of the publisher (default cuban_state).
	PublisherType string `yaml:"publisher_type,omitempty"`
	// Language of the documents (default es).
	Language string `yaml:"language,omitempty"`
	// Editions are the layouts, one per edition of the table; a document
	// is read with the first edition whose Document glob matches its name.
	Editions []Edition `yaml:"editions"`
}

// Edition is the layout of one edition of a table.
type Edition struct {
	// Name is the edition, the publication, e.g. "AEC 2022" (the edition column).
	Name string `yaml:"edition"`
	// EditionYear is the year the edition was published (AEC 2022 appeared
	// in 2023); no data year may be later.
	EditionYear int `yaml:"edition_year,omitempty"`
	// Document is a glob (path.Match) on the document's file name; empty
	// matches every document.
	Document string `yaml:"document,omitempty"`
	// SourceID of the document's sources row (default <catalog id>_<edition>).
	SourceID string `yaml:"source_id,omitempty"`
	// Title of the document's sources row (default "<catalog title>, <edition>").
	Title string `yaml:"title,omitempty"`
	// Sheet is the worksheet's name; SheetIndex its 1-based position.
	// Exactly one is given.
	Sheet      string `yaml:"sheet,omitempty"`
	SheetIndex int    `yaml:"sheet_index,omitempty"`
	// TitleText is text the table's title line (above the header) must
	// contain, compared folded (no case, no accents).
	TitleText string `yaml:"title_text,omitempty"`
	// Units is the units line above the header as printed ("Miles de
	// pesos"); a different units line is a layout change.
	Units string `yaml:"units"`
	// UnitsPattern, when given, finds the units inside a title line or a
	// header cell: a Go regular expression over the folded text whose
	// first group (or whole match) is the units as printed, e.g.
	// `\(([^()]*pesos)\)$`. Without it the units are found as a whole
	// cell or in parentheses inside one. Found units other than Units are
	// a layout change.
	UnitsPattern string `yaml:"units_pattern,omitempty"`
	// Multiplier turns the table's figures into single units; default
	// from Units for the known units lines.
	Multiplier float64 `yaml:"multiplier,omitempty"`
	// Header says where the header is.
	Header Header `yaml:"header"`
	// Years is "columns" (years across the header) or "rows" (years down
	// the label column).
	Years string `yaml:"years"`
	// LabelColumn holds the row labels (years=columns) or the years
	// (years=rows), e.g. "A".
	LabelColumn string `yaml:"label_column"`
	// Locale of numbers written as text: onei ("1 234,5", the default),
	// es ("1.234,5") or en ("1,234.5").
	Locale string `yaml:"locale,omitempty"`
	// Missing maps missing-value symbols to a status (nil, not_available,
	// withheld) or to "skip"; it extends the defaults.
	Missing map[string]string `yaml:"missing,omitempty"`
	// End lists the label-column prefixes that end the table (default
	// "Fuente" and "Nota").
	End []string `yaml:"end,omitempty"`
	// Series maps row labels (years=columns) or column headers (years=rows)
	// to the output's fixed fields.
	Series []Series `yaml:"series"`
	// Ignore lists patterns of labels read but not published (sub-headings,
	// sub-totals, non-year columns).
	Ignore []string `yaml:"ignore,omitempty"`
	// MaxRows bounds the table body (default 10000): a longer body is not
	// this table.
	MaxRows int `yaml:"max_rows,omitempty"`
	// Fixed fields of every row, which a series may override.
	Fixed `yaml:",inline"`
}

// Header says where a table's header is: a row number, or the first row
// whose label-column cell matches a pattern; Rows header rows in all.
type Header struct {
	Row   int    `yaml:"row,omitempty"`
	Match string `yaml:"match,omitempty"`
	Rows  int    `yaml:"rows,omitempty"`
}

// Series maps one label, exactly (folded) or by a pattern over the folded
// label, to the output's fields.
type Series struct {
	Label   string `yaml:"label,omitempty"`
	Pattern string `yaml:"pattern,omitempty"`
	Fixed   `yaml:",inline"`
}

// Fixed are the output fields a layout sets rather than reads.
type Fixed struct {
	Concept         string `yaml:"concept,omitempty"`
	PartnerCountry  string `yaml:"partner_country,omitempty"`
	Currency        string `yaml:"currency,omitempty"`
	ObservationType string `yaml:"observation_type,omitempty"`
	Sector          string `yaml:"sector,omitempty"`
	Role            string `yaml:"role,omitempty"`
	CountKind       string `yaml:"count_kind,omitempty"`
}

// identity keeps the fields that are identity columns of the output
// tables (concept, partner or host country, sector, role, count kind):
// currency and observation type do not tell two observations apart.
func (f Fixed) identity() Fixed {
	f.Currency, f.ObservationType = "", ""
	return f
}

// over returns f with the non-empty fields of o.
func (f Fixed) over(o Fixed) Fixed {
	pick := func(a, b string) string {
		if b != "" {
			return b
		}
		return a
	}
	return Fixed{pick(f.Concept, o.Concept), pick(f.PartnerCountry, o.PartnerCountry), pick(f.Currency, o.Currency),
		pick(f.ObservationType, o.ObservationType), pick(f.Sector, o.Sector), pick(f.Role, o.Role), pick(f.CountKind, o.CountKind)}
}
