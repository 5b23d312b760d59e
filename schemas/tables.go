package schemas

import (
	"strconv"
	"time"
)

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
	DocCheck       string    `csv:"doc_check,omitempty" role:"stamp" null:"" vocab:"doc_check" doc:"Whether cubaexports found the figure in the archived copy of the document it cites (docs/archive.md): found, not_found, not_checkable (the copy cannot be read or holds no text), not_archived (no copy is stored), or extracted (the row was read from the stored document itself by a source kind, so there is nothing to check). Set on every row of a release."`
	DocChars       string    `csv:"doc_chars,omitempty" role:"stamp" null:"" unit:"characters of the page's normalized text, from 0, end exclusive" doc:"Where on the page the citation check found the figure, as start-end (e.g. '1041-1087'), counting characters of the page's normalized text from 0; for HTML, of the whole text. Empty unless doc_check is found."`
	RetrievedAt    time.Time `csv:"retrieved_at" role:"stamp" unit:"UTC" doc:"When the snapshot the row was extracted from was retrieved, in UTC."`
	Extractor      string    `csv:"extractor" role:"stamp" doc:"The source kind and its version that extracted the row, as kind@version."`
	At             Origin    `csv:"-"`
}

// Revenue is one figure of service-export earnings for a year or period.
type Revenue struct {
	ObsID           string   `csv:"obs_id" role:"derived" doc:"Stable identifier of the observation, derived from its source and identifying fields and, for curated sheets and reports, its locator (the passage the figure is read from); never from the value, nor from a yearbook cell or an API position, so a figure that moves in its table keeps its id."`
	Year            int64    `csv:"year" role:"input" id:"" quantity:"" unit:"year" doc:"The calendar year of period_end, in every fact table: the year a figure is filed under (for a figure over several years, the last)."`
	PeriodStart     string   `csv:"period_start" role:"input" id:"" quantity:"span" unit:"ISO 8601 date" pattern:"date" doc:"First day, month or year of the period the figure covers (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the document allows); for a stock at a date, that date."`
	PeriodEnd       string   `csv:"period_end" role:"input" id:"" quantity:"span" unit:"ISO 8601 date" pattern:"date" doc:"Last day, month or year of the period the figure covers (YYYY, YYYY-MM or YYYY-MM-DD); for a one-year figure the same year as period_start."`
	Aggregation     string   `csv:"aggregation" role:"input" id:"" quantity:"" vocab:"aggregation" doc:"How the figure relates to its period: flow (a total over a period of at most one year, or one contract's whole amount), cumulative (a total over several years), annual_average (an average per year over several years), stock (a level at a date), rate (an amount per unit of time, or a percentage, in force during the period)."`
	Concept         string   `csv:"concept" role:"input" id:"" quantity:"" vocab:"concept" doc:"What the figure measures; different concepts are never one series."`
	PartnerCountry  string   `csv:"partner_country" role:"input" id:"" quantity:"" vocab:"country" doc:"Host country the earnings come from, ISO 3166-1 alpha-3, or WLD for all hosts together."`
	Value           *float64 `csv:"value,omitempty" role:"input" unit:"currency, or percent for a share concept" doc:"The figure in single units of currency (not thousands or millions), or a percentage (0-100) for the share concept services_exports_share_of_gdp. Empty when the source gives a range or withholds the figure."`
	ValueLow        *float64 `csv:"value_low,omitempty" role:"input" unit:"as value" doc:"Lower bound when the source gives a range."`
	ValueHigh       *float64 `csv:"value_high,omitempty" role:"input" unit:"as value" doc:"Upper bound when the source gives a range."`
	Qualifier       string   `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the source qualifies the figure (exact, approx, more_than ...)."`
	Currency        string   `csv:"currency,omitempty" role:"input" null:"" vocab:"currency" doc:"ISO 4217 code of the currency of value, value_low and value_high; empty for a share concept (a percentage)."`
	ValueUSD        *float64 `csv:"value_usd,omitempty" role:"derived" unit:"USD" doc:"Value in US dollars, converted at the exchange rate of the figure's year (fx_rates row marked used). A cumulative or annual-average total over several years is never converted with one year's rate: it has a value_usd only when its currency is USD. Empty where no rate applies, with the reason in usd_method."`
	ValueUSDConst   *float64 `csv:"value_usd_const,omitempty" role:"derived" unit:"USD of the base year" doc:"value_usd in constant US dollars of the base year named in usd_method, deflated with US CPI-U annual averages (us_cpi). Not derived for a cumulative or annual-average total over several years (no one year's CPI deflates it)."`
	USDMethod       string   `csv:"usd_method,omitempty" role:"derived" null:"" doc:"How value_usd and value_usd_const were derived (rate, its source, CPI of both years), or why they were not."`
	ObservationType string   `csv:"observation_type" role:"input" quantity:"is:plan" vocab:"observation_type" doc:"What kind of figure this is: official statistic, official statement, plan, estimate, claim, leaked document ..."`
	Status          string   `csv:"status" role:"input" vocab:"status" doc:"Whether the figure was reported, withheld or not available; a withheld figure is information and is kept."`
	Edition         string   `csv:"edition,omitempty" role:"input" id:"" null:"" doc:"Edition of the publication that gives the figure (e.g. 'AEC 2022'), when the publisher revises earlier years."`
	Preferred       *bool    `csv:"preferred,omitempty" role:"derived" doc:"Whether this row is the preferred figure of its quantity (the rows sharing its quantity key, docs/comparable.md) under the documented rules; exactly one row of each quantity is preferred."`
	Note            string   `csv:"note,omitempty" role:"input" null:"" doc:"Curator's note in cubaexports' own words: scope, caveats, how the figure was read."`
	Provenance
}

// ContractRate is one figure of what a host pays for, or a worker receives
// from, the work of Cuban professionals, or of what a worker is paid in
// Cuba.
type ContractRate struct {
	ObsID                 string   `csv:"obs_id" role:"derived" doc:"Stable identifier of the observation, derived from its source and identifying fields and, for curated sheets and reports, its locator (the passage the figure is read from); never from the value, nor from a yearbook cell or an API position, so a figure that moves in its table keeps its id."`
	HostCountry           string   `csv:"host_country" role:"input" id:"" quantity:"" vocab:"country" doc:"Host country, ISO 3166-1 alpha-3, or WLD where the figure is about all missions; for salary_in_cuba, the mission's host, WLD for missions in general, or CUB for professionals working in Cuba."`
	Profession            string   `csv:"profession" role:"input" id:"" quantity:"" vocab:"profession" doc:"Profession the figure applies to, from the cubaexports profession list."`
	ProfessionLabel       string   `csv:"profession_label,omitempty" role:"input" null:"" doc:"The profession as the source names it, in its language."`
	Subgroup              string   `csv:"subgroup,omitempty" role:"input" id:"" quantity:"" null:"" doc:"The part of the profession or role the figure covers, when the document gives figures for parts (lower case, in English, e.g. 'general practitioners', 'specialists'); empty for the whole. Rows that differ in subgroup are never rivals."`
	ISCO08                string   `csv:"isco08,omitempty" role:"derived" null:"" doc:"ISCO-08 occupation code of the profession, where one exists."`
	Year                  int64    `csv:"year" role:"input" id:"" quantity:"" unit:"year" doc:"The calendar year of period_end, in every fact table: the year a figure is filed under (for a figure over several years, the last)."`
	PeriodStart           string   `csv:"period_start" role:"input" id:"" quantity:"span" unit:"ISO 8601 date" pattern:"date" doc:"First day, month or year of the period the figure covers (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the document allows); for a stock at a date, that date. A rate in force from a date with no known end starts there."`
	PeriodEnd             string   `csv:"period_end" role:"input" id:"" quantity:"span" unit:"ISO 8601 date" pattern:"date" doc:"Last day, month or year of the period the figure covers (YYYY, YYYY-MM or YYYY-MM-DD); for a one-year figure the same year as period_start. For a rate with no known end, the latest date the document shows it in force (often its publication date)."`
	Aggregation           string   `csv:"aggregation" role:"input" id:"" quantity:"" vocab:"aggregation" doc:"How the figure relates to its period: flow (a total over a period of at most one year, or one contract's whole amount), cumulative (a total over several years), annual_average (an average per year over several years), stock (a level at a date), rate (an amount per unit of time, or a percentage, in force during the period). Here: rate for an amount per hour, month, year or two-year term and for the shares; flow for a whole contract's amount (per = contract)."`
	Measure               string   `csv:"measure" role:"input" id:"" quantity:"" vocab:"measure" doc:"What the amount is: what the host pays, what the Cuban state receives, what the worker receives abroad or is paid in Cuba, what the state retains, or a share."`
	Component             string   `csv:"component" role:"input" id:"" quantity:"" vocab:"component" doc:"Which part of the measure the amount is: the total, or a part of it (base pay, an allowance, a bonus, the part paid abroad, the part deposited in Cuba, overtime, a fee, logistics costs not paid to the Cuban side). A part and its whole are never rivals."`
	Basis                 string   `csv:"basis" role:"input" id:"" quantity:"" vocab:"basis" doc:"Whom the amount is for: one worker (workers = 1), all the workers of one contract or brigade (workers = N when known), or a whole programme of many contracts."`
	Amount                *float64 `csv:"amount,omitempty" role:"input" unit:"currency per period, or percent for shares" doc:"The amount in single units of currency for the period in per, or a percentage (0-100) for the share measures."`
	AmountLow             *float64 `csv:"amount_low,omitempty" role:"input" unit:"as amount" doc:"Lower bound when the source gives a range."`
	AmountHigh            *float64 `csv:"amount_high,omitempty" role:"input" unit:"as amount" doc:"Upper bound when the source gives a range."`
	Qualifier             string   `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the source qualifies the amount (exact, approx, more_than ...)."`
	Currency              string   `csv:"currency,omitempty" role:"input" id:"" null:"" vocab:"currency" doc:"ISO 4217 code of the amount; empty for the share measures."`
	Per                   string   `csv:"per,omitempty" role:"input" id:"" null:"" vocab:"period" doc:"Period the amount covers (hour, month, year, two_years, contract); empty for the share measures."`
	Workers               *int64   `csv:"workers,omitempty" role:"input" id:"" unit:"persons" doc:"How many workers the amount covers: 1 (or empty) for basis per_worker, N for an amount for N workers; empty when not known."`
	PaymentRoute          string   `csv:"payment_route" role:"input" vocab:"payment_route" doc:"How the money flows from the payer to the Cuban state and the worker."`
	USDPerWorkerMonth     *float64 `csv:"usd_per_worker_month,omitempty" role:"derived" unit:"USD per worker per month" doc:"The amount as US dollars per worker per month, where the inputs allow it; empty otherwise."`
	USDPerWorkerMonthLow  *float64 `csv:"usd_per_worker_month_low,omitempty" role:"derived" unit:"USD per worker per month" doc:"usd_per_worker_month of amount_low, when the source gives a range."`
	USDPerWorkerMonthHigh *float64 `csv:"usd_per_worker_month_high,omitempty" role:"derived" unit:"USD per worker per month" doc:"usd_per_worker_month of amount_high, when the source gives a range."`
	USDMethod             string   `csv:"usd_method,omitempty" role:"derived" null:"" doc:"How usd_per_worker_month was derived, with every input (exchange rate, its regime and source, divisor for the period, workers), so it can be recomputed by hand; or why it was not. Official conversions use the fx_rates row marked used: a published annual average, a peg, or Cuba's official rate of state and enterprise transactions."`
	HouseholdUSD          *float64 `csv:"usd_per_worker_month_household,omitempty" role:"derived" unit:"USD per worker per month" doc:"For a wage paid to a household (measures worker_receives and salary_in_cuba) in CUP, CUC, VEF or VES: the amount in US dollars per worker per month at the rate households could get (exchange office or informal market, docs/comparable.md, household rules), next to the official usd_per_worker_month. Empty for other rows, and where no household rate of the year exists (household_usd_method says why)."`
	HouseholdUSDLow       *float64 `csv:"usd_per_worker_month_household_low,omitempty" role:"derived" unit:"USD per worker per month" doc:"usd_per_worker_month_household of amount_low, when the source gives a range."`
	HouseholdUSDHigh      *float64 `csv:"usd_per_worker_month_household_high,omitempty" role:"derived" unit:"USD per worker per month" doc:"usd_per_worker_month_household of amount_high, when the source gives a range."`
	HouseholdUSDMethod    string   `csv:"household_usd_method,omitempty" role:"derived" null:"" doc:"For a wage paid to a household in CUP, CUC, VEF or VES: the household rule applied (currency and period), the fx_rates row used (regime, period, rate, source) and every divisor, so usd_per_worker_month_household can be recomputed by hand; or why no household rate applies. Empty for other rows."`
	ObservationType       string   `csv:"observation_type" role:"input" quantity:"is:plan" vocab:"observation_type" doc:"What kind of figure this is: official statement, official document, estimate, claim, leaked document, testimony ..."`
	Status                string   `csv:"status" role:"input" vocab:"status" doc:"Whether the figure was reported, withheld or not available."`
	Preferred             *bool    `csv:"preferred,omitempty" role:"derived" doc:"Whether this row is the preferred figure of its quantity (the rows sharing its quantity key, docs/comparable.md) under the documented rules; exactly one row of each quantity is preferred."`
	Note                  string   `csv:"note,omitempty" role:"input" null:"" doc:"Curator's note in cubaexports' own words: scope, caveats, how the figure was read."`
	Provenance
}

// WorkerCount is one figure of how many Cuban workers serve abroad.
type WorkerCount struct {
	ObsID           string `csv:"obs_id" role:"derived" doc:"Stable identifier of the observation, derived from its source and identifying fields and, for curated sheets and reports, its locator (the passage the figure is read from); never from the value, nor from a yearbook cell or an API position, so a figure that moves in its table keeps its id."`
	HostCountry     string `csv:"host_country" role:"input" id:"" quantity:"" vocab:"country" doc:"Host country, ISO 3166-1 alpha-3, or WLD for all host countries together."`
	Year            int64  `csv:"year" role:"input" id:"" quantity:"" unit:"year" doc:"The calendar year of period_end, in every fact table: the year a figure is filed under (for a figure over several years, the last)."`
	PeriodStart     string `csv:"period_start" role:"input" id:"" quantity:"span" unit:"ISO 8601 date" pattern:"date" doc:"First day, month or year of the period the figure covers (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the document allows); for a stock at a date, that date. A stock: the date of the count, as period_end."`
	PeriodEnd       string `csv:"period_end" role:"input" id:"" quantity:"span" unit:"ISO 8601 date" pattern:"date" doc:"Last day, month or year of the period the figure covers (YYYY, YYYY-MM or YYYY-MM-DD); for a one-year figure the same year as period_start. A stock: the date of the count."`
	Aggregation     string `csv:"aggregation" role:"input" id:"" quantity:"" vocab:"aggregation" doc:"How the figure relates to its period: flow (a total over a period of at most one year, or one contract's whole amount), cumulative (a total over several years), annual_average (an average per year over several years), stock (a level at a date), rate (an amount per unit of time, or a percentage, in force during the period). Here it follows count_kind: stock for stock and agreed, flow for arrivals, cumulative for cumulative."`
	Sector          string `csv:"sector" role:"input" id:"" quantity:"" vocab:"sector" doc:"Sector of the workers counted."`
	Role            string `csv:"role" role:"input" id:"" quantity:"" vocab:"role" doc:"Which workers are counted: doctors only, all health staff, all collaborators ..."`
	Subgroup        string `csv:"subgroup,omitempty" role:"input" id:"" quantity:"" null:"" doc:"The part of the profession or role the figure covers, when the document gives figures for parts (lower case, in English, e.g. 'general practitioners', 'specialists'); empty for the whole. Rows that differ in subgroup are never rivals."`
	Count           *int64 `csv:"count,omitempty" role:"input" unit:"persons" doc:"Number of workers. Empty when the source gives a range or withholds the figure."`
	CountLow        *int64 `csv:"count_low,omitempty" role:"input" unit:"persons" doc:"Lower bound when the source gives a range."`
	CountHigh       *int64 `csv:"count_high,omitempty" role:"input" unit:"persons" doc:"Upper bound when the source gives a range."`
	Qualifier       string `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the source qualifies the count (exact, approx, more_than ...)."`
	CountKind       string `csv:"count_kind" role:"input" id:"" quantity:"" vocab:"count_kind" doc:"Whether the count is a stock at a date, arrivals, a cumulative total, or a number agreed in a contract."`
	NCountries      *int64 `csv:"n_countries,omitempty" role:"input" unit:"countries" doc:"Number of host countries the count spans, when the source says (mostly for worldwide counts)."`
	ObservationType string `csv:"observation_type" role:"input" quantity:"is:plan" vocab:"observation_type" doc:"What kind of figure this is: official statistic, official statement, estimate, claim ..."`
	Status          string `csv:"status" role:"input" vocab:"status" doc:"Whether the figure was reported, withheld or not available."`
	Preferred       *bool  `csv:"preferred,omitempty" role:"derived" doc:"Whether this row is the preferred figure of its quantity (the rows sharing its quantity key, docs/comparable.md) under the documented rules; exactly one row of each quantity is preferred."`
	Note            string `csv:"note,omitempty" role:"input" null:"" doc:"Curator's note in cubaexports' own words: scope, caveats, how the figure was read."`
	Provenance
}

// Source is one document that figures are taken from.
type Source struct {
	SourceID       string     `csv:"source_id" role:"input" doc:"Identifier of the document, referenced by source_id in the fact tables."`
	Title          string     `csv:"title" role:"input" doc:"Title of the document as published, in its language. A title written whole in square brackets ([...]) is not the document's title: it is a description devised by cubaexports' curators because the document's own title is not recorded (the bibliographic convention for a supplied title), to be replaced by the document's title when an archived copy shows it (cubaexports archive, docs/archive.md)."`
	TitleEN        string     `csv:"title_en,omitempty" role:"input" null:"" optional:"" doc:"English gloss of the title, when the document is not in English; cubaexports' translation, not a published title."`
	Publisher      string     `csv:"publisher" role:"input" doc:"Who published the document (the outlet, agency or organization)."`
	PublisherType  string     `csv:"publisher_type" role:"input" vocab:"publisher_type" doc:"What kind of publisher it is."`
	URL            string     `csv:"url,omitempty" role:"input" null:"" doc:"Where the document was read."`
	OriginalURL    string     `csv:"original_url,omitempty" role:"input" null:"" optional:"" doc:"Where the original publisher put the document, when url is a copy (an archive, a mirror, a repository)."`
	Language       string     `csv:"language" role:"input" vocab:"language" doc:"Language of the document, ISO 639-1."`
	Published      string     `csv:"published,omitempty" role:"input" null:"" unit:"ISO 8601 date" pattern:"date" doc:"Publication date (or month, or year), when known."`
	Cites          string     `csv:"cites,omitempty" role:"input" null:"" doc:"The original source this document reports, when it is a secondary source (e.g. 'ONEI, Anuario Estadistico de Cuba 2022')."`
	License        string     `csv:"license,omitempty" role:"input" null:"" doc:"The document's own license or terms, when stated; empty when unknown."`
	SnapshotSHA256 string     `csv:"snapshot_sha256,omitempty" role:"stamp" null:"" doc:"SHA-256 of the stored snapshot of the document, when cubaexports keeps one: the document a source kind extracted rows from, or the copy cubaexports archive made of url (docs/archive.md). The bytes stay in the maintainer's snapshot store and are not published."`
	RetrievedAt    *time.Time `csv:"retrieved_at,omitempty" role:"stamp" unit:"UTC" doc:"When the stored snapshot of the document was retrieved, when cubaexports keeps one."`
	MediaType      string     `csv:"media_type,omitempty" role:"stamp" null:"" doc:"Media type of the stored snapshot (e.g. application/pdf, text/html), when cubaexports keeps one."`
	ArchivedFrom   string     `csv:"archived_from,omitempty" role:"stamp" null:"" vocab:"archived_from" doc:"Where the archived snapshot of url was taken from: the publisher, or the Wayback Machine's capture when the live page is gone. Empty when cubaexports archived no copy of url."`
	FinalURL       string     `csv:"final_url,omitempty" role:"stamp" null:"" doc:"Where url led after redirects when cubaexports archive last fetched it, when that is another URL."`
	LinkStatus     string     `csv:"link_status,omitempty" role:"stamp" null:"" vocab:"link_status" doc:"What url answered when cubaexports archive last fetched it (ok, redirected, gone, blocked, failed), or not_tried when it was never archived. Set on every row of a release."`
	WaybackURL     string     `csv:"wayback_url,omitempty" role:"stamp" null:"" doc:"The Wayback Machine's capture of url nearest the document's publication date, when there is one."`
	WaybackAt      *time.Time `csv:"wayback_at,omitempty" role:"stamp" unit:"UTC" doc:"When the Wayback Machine made that capture."`
	At             Origin     `csv:"-"`
}

// FXRate is one exchange rate: a published annual average of a floating
// currency, a peg or fixed official rate, or a documented point rate of
// one of a currency's several regimes (docs/comparable.md, "Currency
// regimes").
type FXRate struct {
	Currency    string  `csv:"currency" role:"input" vocab:"currency" doc:"ISO 4217 code of the currency."`
	Year        int64   `csv:"year" role:"input" unit:"year" doc:"The calendar year of period_end: the year of an annual average, the year a point rate was observed, or the last year a fixed rate was in force."`
	PeriodStart string  `csv:"period_start" role:"input" unit:"ISO 8601 date" pattern:"date" doc:"First day, month or year of the period the rate holds for (YYYY, YYYY-MM or YYYY-MM-DD): the year of an annual average; the day a fixed rate came into force; for a point rate, the date it was observed."`
	PeriodEnd   string  `csv:"period_end" role:"input" unit:"ISO 8601 date" pattern:"date" doc:"Last day, month or year of the period the rate holds for: the year of an annual average; the last day a fixed rate was in force (or the latest date its document shows it in force); for a point rate, the date it was observed."`
	Regime      string  `csv:"regime" role:"input" vocab:"regime" doc:"Which of a currency's exchange regimes the rate belongs to: market (a published annual average of a floating currency), peg, official, enterprise, exchange_office, informal or complementary."`
	RatePerUSD  float64 `csv:"rate_per_usd" role:"input" unit:"currency units per USD" doc:"Units of the currency per US dollar: an annual average for regime market, otherwise the rate in force (or observed) over the period."`
	Qualifier   string  `csv:"qualifier" role:"input" vocab:"qualifier" doc:"How the document qualifies the rate (exact, approx, more_than ...); a bound is never used to convert."`
	SourceID    string  `csv:"source_id" role:"input" doc:"Identifier of the document the rate comes from; a key into the sources table."`
	Locator     string  `csv:"locator" role:"input" doc:"Where in that document the rate stands; for a rule of cubaexports, the rule and the documents it rests on."`
	Used        bool    `csv:"used" role:"derived" doc:"Whether the official conversions of this currency and year (value_usd, usd_per_worker_month) use this rate: exactly one row per currency and year among the rates for the whole year of regime market, peg, official or enterprise is used, chosen by the documented precedence (World Bank, IMF, Federal Reserve, then cubaexports' rules). Point rates are never used for these; household conversions name the row they use in household_usd_method."`
	Note        string  `csv:"note,omitempty" role:"input" null:"" doc:"What the rate is and how the document gives it (side of the market, who could use it), in cubaexports' own words."`
	At          Origin  `csv:"-"`
}

// AnnualAverage marks r as the published annual average of a floating
// currency for its year: regime market, the period its year, exact.
func AnnualAverage(r FXRate) FXRate {
	y := strconv.FormatInt(r.Year, 10)
	r.Regime, r.PeriodStart, r.PeriodEnd, r.Qualifier = "market", y, y, "exact"
	return r
}

// WholeYear reports whether the rate holds for the whole calendar year of
// its year (its period is that year, given as YYYY): an annual average or
// a rule stated for the year.
func (r *FXRate) WholeYear() bool {
	y := strconv.FormatInt(r.Year, 10)
	return r.PeriodStart == y && r.PeriodEnd == y
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

// HostEstimate is one derived estimate of what the Cuban side is paid for
// the workers a host country receives in a year. Nothing in it is a
// reported figure: it combines a preferred worker count with a preferred
// payment to the Cuban side per worker.
type HostEstimate struct {
	HostCountry          string   `csv:"host_country" role:"derived" vocab:"country" doc:"Host country, ISO 3166-1 alpha-3."`
	Year                 int64    `csv:"year" role:"derived" unit:"year" doc:"Year of the worker count and of the rate."`
	Workers              *int64   `csv:"workers,omitempty" role:"derived" unit:"persons" doc:"The preferred worker count of the host and year (worker_counts row workers_obs_id); empty when that count is a range."`
	WorkersLow           int64    `csv:"workers_low" role:"derived" unit:"persons" doc:"Lower bound of the worker count (the count itself when exact)."`
	WorkersHigh          int64    `csv:"workers_high" role:"derived" unit:"persons" doc:"Upper bound of the worker count (the count itself when exact)."`
	HostPaysUSD          *float64 `csv:"host_pays_usd_per_worker_month,omitempty" role:"derived" unit:"USD per worker per month" doc:"What the Cuban side is paid per worker per month in US dollars: the preferred contract_rates row rate_obs_id of the host and year, a payment to the Cuban side for one worker (measure state_receives, or host_pays paid directly to the Cuban state; component total, basis per_worker); empty when that rate is a range."`
	HostPaysUSDLow       float64  `csv:"host_pays_usd_low" role:"derived" unit:"USD per worker per month" doc:"Lower bound of the rate (the rate itself when exact)."`
	HostPaysUSDHigh      float64  `csv:"host_pays_usd_high" role:"derived" unit:"USD per worker per month" doc:"Upper bound of the rate (the rate itself when exact)."`
	ImpliedRevenueUSD    *float64 `csv:"implied_revenue_usd,omitempty" role:"derived" unit:"USD per year" doc:"Implied annual payment to the Cuban side for the host's workers (a host's gross outlay for the work, not Cuba's recorded exports): workers x rate x 12. A derived estimate, not a reported figure; empty when either input is a range."`
	ImpliedRevenueUSDLow float64  `csv:"implied_revenue_usd_low" role:"derived" unit:"USD per year" doc:"workers_low x host_pays_usd_low x 12."`
	ImpliedRevenueHigh   float64  `csv:"implied_revenue_usd_high" role:"derived" unit:"USD per year" doc:"workers_high x host_pays_usd_high x 12."`
	Qualifier            string   `csv:"qualifier" role:"derived" vocab:"qualifier" doc:"How far implied_revenue_usd can be relied on, from the qualifiers of the count and the rate: at_least when an input is a lower bound (more_than, at_least) and none an upper bound, up_to when an input is an upper bound and none a lower bound, range when an input is a range, approx when an input is approximate or the bounds point both ways, exact only when both inputs are exact."`
	WorkerSharePct       *float64 `csv:"worker_share_pct,omitempty" role:"derived" unit:"percent" doc:"Share of the host's gross payment the worker receives: 100 x a preferred worker_receives total over a preferred host_pays total of the same host, year and basis (gross with gross, both per worker), or a reported worker share of the same host and year; empty where neither is known."`
	StateSharePct        *float64 `csv:"state_share_pct,omitempty" role:"derived" unit:"percent" doc:"100 minus worker_share_pct, or a reported state share, where known."`
	WorkersObsID         string   `csv:"workers_obs_id" role:"derived" doc:"obs_id of the worker_counts row used."`
	RateObsID            string   `csv:"rate_obs_id" role:"derived" doc:"obs_id of the contract_rates row used (state_receives, or host_pays paid directly to the state)."`
	ShareObsID           string   `csv:"share_obs_id,omitempty" role:"derived" null:"" doc:"obs_id of the contract_rates row the shares come from, when known."`
	Method               string   `csv:"method" role:"derived" doc:"How the row was computed, with its inputs."`
}

// Prov returns p. Every fact row embeds Provenance, so a *Revenue (and
// every other fact row) has Prov: code that handles every fact table
// reaches a row's provenance through it.
func (p *Provenance) Prov() *Provenance { return p }

// MacroIndicator is one published value of a macroeconomic indicator of
// the World Bank's World Development Indicators for a country and year,
// extracted from the World Bank's own files (never curated by hand).
type MacroIndicator struct {
	ObsID     string  `csv:"obs_id" role:"derived" doc:"Stable identifier of the observation, derived from its source and identifying fields (country, year, indicator; never from the value)."`
	Country   string  `csv:"country" role:"input" id:"" vocab:"country" doc:"Country the value describes, ISO 3166-1 alpha-3 (Cuba, CUB, is the subject)."`
	Year      int64   `csv:"year" role:"input" id:"" unit:"year" doc:"Calendar year the value refers to."`
	Indicator string  `csv:"indicator" role:"input" id:"" pattern:"wdi_indicator" doc:"World Development Indicators code of the series: NY.GDP.MKTP.CD (GDP, current US$), NE.EXP.GNFS.ZS (exports of goods and services, % of GDP), TX.VAL.MRCH.CD.WT (merchandise exports, current US$, WTO), NE.EXP.GNFS.CD (exports of goods and services, current US$), BX.GSR.NFSV.CD (service exports, balance of payments, current US$)."`
	Value     float64 `csv:"value" role:"input" unit:"see unit" doc:"The value as the World Bank publishes it, in the unit of the unit column. Years the World Bank leaves empty have no row."`
	Unit      string  `csv:"unit" role:"input" vocab:"indicator_unit" doc:"Unit of value."`
	Segment   string  `csv:"segment,omitempty" role:"derived" null:"" doc:"The stretch of the series between declared breaks (series_breaks) the year belongs to, e.g. 'before 2021' or 'from 2021'; values of different segments are not comparable and no derived share or chart joins them. Empty when no break is declared for the country and indicator."`
	Provenance
}

// MacroShare is one year of Cuba's service-export revenue set against its
// economy: derived from revenue and macro_indicators rows of the same
// year, never reported by a source.
type MacroShare struct {
	Year                int64    `csv:"year" role:"derived" unit:"year" doc:"Year of every input of the row."`
	Segment             string   `csv:"segment,omitempty" role:"derived" null:"" doc:"The segment (between declared series breaks) of the year's GDP and exports inputs, as in macro_indicators; rows of different segments are not one comparable series."`
	RevenueUSD          *float64 `csv:"revenue_usd,omitempty" role:"derived" unit:"USD" doc:"Cuba's service-export revenue of the year: the preferred revenue row of concept services_exports_total, partner WLD, observation type official_statistic, for one calendar year (its value_usd). Empty when there is none."`
	RevenueObsID        string   `csv:"revenue_obs_id,omitempty" role:"derived" null:"" doc:"obs_id of that revenue row."`
	GDPUSD              *float64 `csv:"gdp_usd,omitempty" role:"derived" unit:"USD" doc:"GDP in current US dollars (macro_indicators, NY.GDP.MKTP.CD)."`
	GDPObsID            string   `csv:"gdp_obs_id,omitempty" role:"derived" null:"" doc:"obs_id of the GDP row."`
	ExportsPctGDP       *float64 `csv:"exports_pct_gdp,omitempty" role:"derived" unit:"percent of GDP" doc:"Exports of goods and services as percent of GDP, as published (macro_indicators, NE.EXP.GNFS.ZS)."`
	ExportsUSD          *float64 `csv:"exports_usd,omitempty" role:"derived" unit:"USD" doc:"Exports of goods and services in current US dollars: the published NE.EXP.GNFS.CD value where there is one, else exports_pct_gdp / 100 x gdp_usd (see exports_usd_method)."`
	ExportsUSDMethod    string   `csv:"exports_usd_method,omitempty" role:"derived" null:"" doc:"How exports_usd was obtained, with its inputs' obs_ids, or why it is empty."`
	MerchandiseUSD      *float64 `csv:"merchandise_usd,omitempty" role:"derived" unit:"USD" doc:"Merchandise exports in current US dollars (macro_indicators, TX.VAL.MRCH.CD.WT, the WTO's series)."`
	MerchandiseObsID    string   `csv:"merchandise_obs_id,omitempty" role:"derived" null:"" doc:"obs_id of the merchandise exports row."`
	ServicesResidualUSD *float64 `csv:"services_residual_usd,omitempty" role:"derived" unit:"USD" doc:"exports_usd minus merchandise_usd: a rough residual for services exports. The two sides differ in coverage (national accounts against the WTO's merchandise trade statistics), so it is not a measure of services exports; read services_residual_method."`
	ServicesMethod      string   `csv:"services_residual_method,omitempty" role:"derived" null:"" doc:"How services_residual_usd was computed and its coverage caveat, or why it is empty."`
	RevenuePctGDP       *float64 `csv:"revenue_pct_gdp,omitempty" role:"derived" unit:"percent" doc:"revenue_usd / gdp_usd x 100."`
	RevenuePctExports   *float64 `csv:"revenue_pct_exports,omitempty" role:"derived" unit:"percent" doc:"revenue_usd / exports_usd x 100."`
	Method              string   `csv:"method" role:"derived" doc:"How the shares of the row were computed (or why one is empty), naming every input; a derived figure, not a reported one."`
}

// SeriesBreak is one declared break in a macroeconomic series: from Year
// on, the values of the country's indicator are not comparable with the
// earlier ones.
type SeriesBreak struct {
	Country   string `csv:"country" role:"derived" vocab:"country" doc:"Country of the series, ISO 3166-1 alpha-3."`
	Indicator string `csv:"indicator" role:"derived" pattern:"wdi_indicator" doc:"World Development Indicators code of the series."`
	Year      int64  `csv:"year" role:"derived" unit:"year" doc:"First year after the break: values from this year on are not comparable with those before it."`
	Reason    string `csv:"reason" role:"derived" doc:"Why the series breaks, in cubaexports' words."`
	Source    string `csv:"source" role:"derived" doc:"The document that establishes the break."`
}
