package schemas

import "time"

// Origin is where a row was read from before it was normalized: a file and
// a 1-based row (a CSV line or a worksheet row), and for spreadsheets the
// sheet. It is not published; errors use it to name the place to fix.
type Origin struct {
	File  string
	Sheet string
	Row   int
}

// Provenance closes every fact table. A source kind supplies SourceID and
// Locator (and Page, when it reads a paged document); the engine stamps
// the snapshot hash, retrieval time and extractor, and the Page where the
// citation check found a curated figure, so no row is published without
// knowing where it came from.
type Provenance struct {
	SourceID       string    `csv:"source_id" role:"input" doc:"Identifier of the document the figure comes from; a key into the sources table."`
	SnapshotSHA256 string    `csv:"snapshot_sha256" role:"stamp" doc:"SHA-256 (hex) of the exact bytes the row was extracted from: the fetched document, or the curated sheet that records the figure."`
	Locator        string    `csv:"locator" role:"input" doc:"Where in the document the figure stands: page, paragraph, table, cell (e.g. 'p. 3, para. 2', 'sheet=8.3!C12', 'json=$[1][12]')."`
	Page           *int64    `csv:"page,omitempty" role:"stamp" unit:"page of the file, from 1" doc:"Page of the document on which the figure stands, counted from the first page of the stored file (1), which can differ from the number printed on the page: for a row read from a report, the page where its pattern matched; for a curated row, the page of the stored snapshot of the cited document where cubaexports' citation check found the figure. Empty when the figure was not checked, no snapshot of the document is stored, the figure was not found, or the document has no pages (HTML)."`
	RetrievedAt    time.Time `csv:"retrieved_at" role:"stamp" unit:"UTC" doc:"When the snapshot the row was extracted from was retrieved, in UTC."`
	Extractor      string    `csv:"extractor" role:"stamp" doc:"The source kind and its version that extracted the row, as kind@version."`
	At             Origin    `csv:"-"`
}

// Revenue is one figure of service-export earnings for a year or period.
type Revenue struct {
	ObsID           string   `csv:"obs_id" role:"derived" doc:"Stable identifier of the observation, derived from its source, locator and identifying fields (never from the value)."`
	Year            int64    `csv:"year" role:"input" id:"" unit:"year" doc:"Data year the figure refers to (for a multi-year figure, the last year of the period)."`
	PeriodStart     string   `csv:"period_start,omitempty" role:"input" id:"" null:"" unit:"ISO 8601 date" pattern:"date" doc:"First day (or month, or year) of the period the figure covers, when it is not one calendar year."`
	PeriodEnd       string   `csv:"period_end,omitempty" role:"input" id:"" null:"" unit:"ISO 8601 date" pattern:"date" doc:"Last day (or month, or year) of the period the figure covers, when it is not one calendar year."`
	Concept         string   `csv:"concept" role:"input" id:"" vocab:"concept" doc:"What the figure measures; different concepts are never one series."`
	PartnerCountry  string   `csv:"partner_country" role:"input" id:"" vocab:"country" doc:"Host country the earnings come from, ISO 3166-1 alpha-3, or WLD for all hosts together."`
	Value           *float64 `csv:"value,omitempty" role:"input" unit:"currency" doc:"The figure in single units of currency (not thousands or millions). Empty when the source gives a range or withholds the figure."`
	ValueLow        *float64 `csv:"value_low,omitempty" role:"input" unit:"currency" doc:"Lower bound when the source gives a range."`
	ValueHigh       *float64 `csv:"value_high,omitempty" role:"input" unit:"currency" doc:"Upper bound when the source gives a range."`
	Qualifier       string   `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the source qualifies the figure (exact, approx, more_than ...)."`
	Currency        string   `csv:"currency,omitempty" role:"input" null:"" vocab:"currency" doc:"ISO 4217 code of the currency of value, value_low and value_high."`
	ValueUSD        *float64 `csv:"value_usd,omitempty" role:"derived" unit:"USD" doc:"Value in US dollars of the same year, converted at the exchange rate of the figure's year (fx_rates row marked used); empty where no rate exists, with the reason in usd_method."`
	ValueUSDConst   *float64 `csv:"value_usd_const,omitempty" role:"derived" unit:"USD of the base year" doc:"value_usd in constant US dollars of the base year named in usd_method, deflated with US CPI-U annual averages (us_cpi)."`
	USDMethod       string   `csv:"usd_method,omitempty" role:"derived" null:"" doc:"How value_usd and value_usd_const were derived (rate, its source, CPI of both years), or why they were not."`
	ObservationType string   `csv:"observation_type" role:"input" vocab:"observation_type" doc:"What kind of figure this is: official statistic, official statement, plan, estimate, claim, leaked document ..."`
	Status          string   `csv:"status" role:"input" vocab:"status" doc:"Whether the figure was reported, withheld or not available; a withheld figure is information and is kept."`
	Edition         string   `csv:"edition,omitempty" role:"input" id:"" null:"" doc:"Edition of the publication that gives the figure (e.g. 'AEC 2022'), when the publisher revises earlier years."`
	Preferred       *bool    `csv:"preferred,omitempty" role:"derived" doc:"Whether this row is the preferred figure for its quantity under the documented rules; empty until the rules have been applied."`
	Note            string   `csv:"note,omitempty" role:"input" null:"" doc:"Curator's note in cubaexports' own words: scope, caveats, how the figure was read."`
	Provenance
}

// ContractRate is one figure of what a host pays for, or a worker receives
// from, the work of Cuban professionals.
type ContractRate struct {
	ObsID                 string   `csv:"obs_id" role:"derived" doc:"Stable identifier of the observation, derived from its source, locator and identifying fields (never from the value)."`
	HostCountry           string   `csv:"host_country" role:"input" id:"" vocab:"country" doc:"Host country, ISO 3166-1 alpha-3, or WLD where the figure is about all missions."`
	Profession            string   `csv:"profession" role:"input" id:"" vocab:"profession" doc:"Profession the figure applies to, from the cubaexports profession list."`
	ProfessionLabel       string   `csv:"profession_label,omitempty" role:"input" null:"" doc:"The profession as the source names it, in its language."`
	ISCO08                string   `csv:"isco08,omitempty" role:"derived" null:"" doc:"ISCO-08 occupation code of the profession, where one exists."`
	Year                  int64    `csv:"year" role:"input" id:"" unit:"year" doc:"Year the rate applies to (for a rate over several years, the first)."`
	Date                  string   `csv:"date,omitempty" role:"input" id:"" null:"" unit:"ISO 8601 date" pattern:"date" doc:"Date (or month) the rate applies from, when the source gives one."`
	Measure               string   `csv:"measure" role:"input" id:"" vocab:"measure" doc:"What the amount is: what the host pays, what the worker receives, what the state retains, or a share."`
	Amount                *float64 `csv:"amount,omitempty" role:"input" unit:"currency per period, or percent for shares" doc:"The amount in single units of currency for the period in per, or a percentage (0-100) for the share measures."`
	AmountLow             *float64 `csv:"amount_low,omitempty" role:"input" unit:"as amount" doc:"Lower bound when the source gives a range."`
	AmountHigh            *float64 `csv:"amount_high,omitempty" role:"input" unit:"as amount" doc:"Upper bound when the source gives a range."`
	Qualifier             string   `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the source qualifies the amount (exact, approx, more_than ...)."`
	Currency              string   `csv:"currency,omitempty" role:"input" id:"" null:"" vocab:"currency" doc:"ISO 4217 code of the amount; empty for the share measures."`
	Per                   string   `csv:"per,omitempty" role:"input" id:"" null:"" vocab:"period" doc:"Period the amount covers (hour, month, year, two_years, contract); empty for the share measures."`
	Workers               *int64   `csv:"workers,omitempty" role:"input" id:"" unit:"persons" doc:"How many workers the amount covers: 1 for a rate per worker, N for an aggregate contract value."`
	PaymentRoute          string   `csv:"payment_route" role:"input" vocab:"payment_route" doc:"How the money flows from the payer to the Cuban state and the worker."`
	USDPerWorkerMonth     *float64 `csv:"usd_per_worker_month,omitempty" role:"derived" unit:"USD per worker per month" doc:"The amount as US dollars per worker per month, where the inputs allow it; empty otherwise."`
	USDPerWorkerMonthLow  *float64 `csv:"usd_per_worker_month_low,omitempty" role:"derived" unit:"USD per worker per month" doc:"usd_per_worker_month of amount_low, when the source gives a range."`
	USDPerWorkerMonthHigh *float64 `csv:"usd_per_worker_month_high,omitempty" role:"derived" unit:"USD per worker per month" doc:"usd_per_worker_month of amount_high, when the source gives a range."`
	USDMethod             string   `csv:"usd_method,omitempty" role:"derived" null:"" doc:"How usd_per_worker_month was derived, with every input (exchange rate and its source, divisor for the period, workers), so it can be recomputed by hand; or why it was not."`
	ObservationType       string   `csv:"observation_type" role:"input" vocab:"observation_type" doc:"What kind of figure this is: official statement, official document, estimate, claim, leaked document, testimony ..."`
	Status                string   `csv:"status" role:"input" vocab:"status" doc:"Whether the figure was reported, withheld or not available."`
	Preferred             *bool    `csv:"preferred,omitempty" role:"derived" doc:"Whether this row is the preferred figure for its quantity under the documented rules; empty until the rules have been applied."`
	Note                  string   `csv:"note,omitempty" role:"input" null:"" doc:"Curator's note in cubaexports' own words: scope, caveats, how the figure was read."`
	Provenance
}

// WorkerCount is one figure of how many Cuban workers serve abroad.
type WorkerCount struct {
	ObsID           string `csv:"obs_id" role:"derived" doc:"Stable identifier of the observation, derived from its source, locator and identifying fields (never from the value)."`
	HostCountry     string `csv:"host_country" role:"input" id:"" vocab:"country" doc:"Host country, ISO 3166-1 alpha-3, or WLD for all host countries together."`
	Year            int64  `csv:"year" role:"input" id:"" unit:"year" doc:"Year the count refers to (for a cumulative count, the last year)."`
	Date            string `csv:"date,omitempty" role:"input" id:"" null:"" unit:"ISO 8601 date" pattern:"date" doc:"Date (or month) the count refers to, when the source gives one."`
	Sector          string `csv:"sector" role:"input" id:"" vocab:"sector" doc:"Sector of the workers counted."`
	Role            string `csv:"role" role:"input" id:"" vocab:"role" doc:"Which workers are counted: doctors only, all health staff, all collaborators ..."`
	Count           *int64 `csv:"count,omitempty" role:"input" unit:"persons" doc:"Number of workers. Empty when the source gives a range or withholds the figure."`
	CountLow        *int64 `csv:"count_low,omitempty" role:"input" unit:"persons" doc:"Lower bound when the source gives a range."`
	CountHigh       *int64 `csv:"count_high,omitempty" role:"input" unit:"persons" doc:"Upper bound when the source gives a range."`
	Qualifier       string `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the source qualifies the count (exact, approx, more_than ...)."`
	CountKind       string `csv:"count_kind" role:"input" id:"" vocab:"count_kind" doc:"Whether the count is a stock at a date, arrivals, a cumulative total, or a number agreed in a contract."`
	NCountries      *int64 `csv:"n_countries,omitempty" role:"input" unit:"countries" doc:"Number of host countries the count spans, when the source says (mostly for worldwide counts)."`
	ObservationType string `csv:"observation_type" role:"input" vocab:"observation_type" doc:"What kind of figure this is: official statistic, official statement, estimate, claim ..."`
	Status          string `csv:"status" role:"input" vocab:"status" doc:"Whether the figure was reported, withheld or not available."`
	Preferred       *bool  `csv:"preferred,omitempty" role:"derived" doc:"Whether this row is the preferred figure for its quantity under the documented rules; empty until the rules have been applied."`
	Note            string `csv:"note,omitempty" role:"input" null:"" doc:"Curator's note in cubaexports' own words: scope, caveats, how the figure was read."`
	Provenance
}

// Source is one document that figures are taken from.
type Source struct {
	SourceID       string     `csv:"source_id" role:"input" doc:"Identifier of the document, referenced by source_id in the fact tables."`
	Title          string     `csv:"title" role:"input" doc:"Title of the document as published, in its language."`
	TitleEN        string     `csv:"title_en,omitempty" role:"input" null:"" optional:"" doc:"English gloss of the title, when the document is not in English; cubaexports' translation, not a published title."`
	Publisher      string     `csv:"publisher" role:"input" doc:"Who published the document (the outlet, agency or organization)."`
	PublisherType  string     `csv:"publisher_type" role:"input" vocab:"publisher_type" doc:"What kind of publisher it is."`
	URL            string     `csv:"url,omitempty" role:"input" null:"" doc:"Where the document was read."`
	OriginalURL    string     `csv:"original_url,omitempty" role:"input" null:"" optional:"" doc:"Where the original publisher put the document, when url is a copy (an archive, a mirror, a repository)."`
	Language       string     `csv:"language" role:"input" vocab:"language" doc:"Language of the document, ISO 639-1."`
	Published      string     `csv:"published,omitempty" role:"input" null:"" unit:"ISO 8601 date" pattern:"date" doc:"Publication date (or month, or year), when known."`
	Cites          string     `csv:"cites,omitempty" role:"input" null:"" doc:"The original source this document reports, when it is a secondary source (e.g. 'ONEI, Anuario Estadistico de Cuba 2022')."`
	License        string     `csv:"license,omitempty" role:"input" null:"" doc:"The document's own license or terms, when stated; empty when unknown."`
	SnapshotSHA256 string     `csv:"snapshot_sha256,omitempty" role:"stamp" null:"" doc:"SHA-256 of the stored snapshot of the document, when cubaexports keeps one."`
	RetrievedAt    *time.Time `csv:"retrieved_at,omitempty" role:"stamp" unit:"UTC" doc:"When the stored snapshot of the document was retrieved, when cubaexports keeps one."`
	At             Origin     `csv:"-"`
}

// FXRate is one exchange rate used to convert a figure to US dollars.
type FXRate struct {
	Currency   string  `csv:"currency" role:"input" vocab:"currency" doc:"ISO 4217 code of the currency."`
	Year       int64   `csv:"year" role:"input" unit:"year" doc:"Year the rate is the average of."`
	RatePerUSD float64 `csv:"rate_per_usd" role:"input" unit:"currency units per USD" doc:"Annual average units of the currency per US dollar."`
	SourceID   string  `csv:"source_id" role:"input" doc:"Identifier of the document the rate comes from; a key into the sources table."`
	Locator    string  `csv:"locator" role:"input" doc:"Where in that document the rate stands."`
	Used       bool    `csv:"used" role:"derived" doc:"Whether conversions of this currency and year use this rate: exactly one row per currency and year is used, chosen by the documented precedence (special rules, then World Bank, IMF, Federal Reserve)."`
	Note       string  `csv:"note,omitempty" role:"input" null:"" doc:"What the rate is when it is not a published annual average (a peg, a fixed official rate), in cubaexports' own words."`
	At         Origin  `csv:"-"`
}

// CPI is one monthly value of the US consumer price index (CPI-U, all
// items, U.S. city average, not seasonally adjusted, 1982-84=100).
type CPI struct {
	Year     int64   `csv:"year" role:"input" unit:"year" doc:"Year of the monthly index."`
	Month    int64   `csv:"month" role:"input" unit:"month (1-12)" doc:"Month of the index, 1 to 12. A month the publisher did not publish (October 2025) has no row."`
	Index    float64 `csv:"index" role:"input" unit:"index, 1982-84=100" doc:"The index as published."`
	SourceID string  `csv:"source_id" role:"input" doc:"Identifier of the document the index comes from; a key into the sources table."`
	Locator  string  `csv:"locator" role:"input" doc:"Where in that document the index stands."`
	At       Origin  `csv:"-"`
}

// HostEstimate is one derived estimate of what a host country pays for
// the Cuban workers it receives in a year. Nothing in it is a reported
// figure: it combines a preferred worker count with a preferred rate.
type HostEstimate struct {
	HostCountry          string   `csv:"host_country" role:"derived" vocab:"country" doc:"Host country, ISO 3166-1 alpha-3."`
	Year                 int64    `csv:"year" role:"derived" unit:"year" doc:"Year of the worker count and of the rate."`
	Workers              *int64   `csv:"workers,omitempty" role:"derived" unit:"persons" doc:"The preferred worker count of the host and year (worker_counts row workers_obs_id); empty when that count is a range."`
	WorkersLow           int64    `csv:"workers_low" role:"derived" unit:"persons" doc:"Lower bound of the worker count (the count itself when exact)."`
	WorkersHigh          int64    `csv:"workers_high" role:"derived" unit:"persons" doc:"Upper bound of the worker count (the count itself when exact)."`
	HostPaysUSD          *float64 `csv:"host_pays_usd_per_worker_month,omitempty" role:"derived" unit:"USD per worker per month" doc:"The preferred host-pays rate of the host and year in US dollars per worker per month (contract_rates row rate_obs_id); empty when that rate is a range."`
	HostPaysUSDLow       float64  `csv:"host_pays_usd_low" role:"derived" unit:"USD per worker per month" doc:"Lower bound of the rate (the rate itself when exact)."`
	HostPaysUSDHigh      float64  `csv:"host_pays_usd_high" role:"derived" unit:"USD per worker per month" doc:"Upper bound of the rate (the rate itself when exact)."`
	ImpliedRevenueUSD    *float64 `csv:"implied_revenue_usd,omitempty" role:"derived" unit:"USD per year" doc:"Implied annual gross payment by the host: workers x rate x 12. A derived estimate, not a reported figure; empty when either input is a range."`
	ImpliedRevenueUSDLow float64  `csv:"implied_revenue_usd_low" role:"derived" unit:"USD per year" doc:"workers_low x host_pays_usd_low x 12."`
	ImpliedRevenueHigh   float64  `csv:"implied_revenue_usd_high" role:"derived" unit:"USD per year" doc:"workers_high x host_pays_usd_high x 12."`
	WorkerSharePct       *float64 `csv:"worker_share_pct,omitempty" role:"derived" unit:"percent" doc:"Share of the host's payment the worker receives, where the preferred worker-receives rate (or a reported worker share) of the same host and year is known."`
	StateSharePct        *float64 `csv:"state_share_pct,omitempty" role:"derived" unit:"percent" doc:"100 minus worker_share_pct, or a reported state share, where known."`
	WorkersObsID         string   `csv:"workers_obs_id" role:"derived" doc:"obs_id of the worker_counts row used."`
	RateObsID            string   `csv:"rate_obs_id" role:"derived" doc:"obs_id of the contract_rates row (host_pays) used."`
	ShareObsID           string   `csv:"share_obs_id,omitempty" role:"derived" null:"" doc:"obs_id of the contract_rates row the shares come from, when known."`
	Method               string   `csv:"method" role:"derived" doc:"How the row was computed, with its inputs."`
}

// Prov returns p. Every fact row embeds Provenance, so a *Revenue (and
// every other fact row) has Prov: code that handles every fact table
// reaches a row's provenance through it.
func (p *Provenance) Prov() *Provenance { return p }
