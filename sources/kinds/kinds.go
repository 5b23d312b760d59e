// Package kinds registers every source kind cubaexports ships with. A
// program (or test) that reads the default catalog imports it for its side
// effect, so that adding a kind is one line here rather than one in every
// program that decodes the catalog.
package kinds

import (
	_ "github.com/cubaexports/cubaexports/sources/csvtable"  // declarative CSV tables (exchange rates, CPI)
	_ "github.com/cubaexports/cubaexports/sources/curated"   // the researchers' observation sheets
	_ "github.com/cubaexports/cubaexports/sources/report"    // figures declared in reports (PDF, HTML, text)
	_ "github.com/cubaexports/cubaexports/sources/worldbank" // World Bank API and bulk downloads
	_ "github.com/cubaexports/cubaexports/sources/xlsxtable" // yearbook spreadsheet tables through layout maps
)
