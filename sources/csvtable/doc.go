// Package csvtable is the source kind for plain CSV tables of dated
// values, read by a column map declared in the catalog: which column holds
// the date, which the value, which the key that selects a currency, which
// rows to keep (filters), and whether the values are units per US dollar
// or US dollars per unit. It feeds the fx_rates table (annual exchange
// rates, e.g. the Federal Reserve's and the IMF's) and the us_cpi table
// (the BLS consumer price index, monthly).
//
// The kind embeds real files as bootstrap snapshots (see data/README.md);
// a catalog entry names the one it reads with params.document. Every
// problem of a document is a *datasets.LocatedError naming the file, the
// line and the column; a header that differs from the declared one wraps
// sources.ErrLayoutChanged.
package csvtable
