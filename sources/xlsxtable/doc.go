// Package xlsxtable is the source kind for official statistics tables
// published one table per .xlsx workbook, such as the tables of ONEI's
// "Anuario Estadístico de Cuba".
//
// Extraction is configuration, not code: a source's params in
// sources/catalog.yaml hold a layout map per edition (which sheet, where
// the header is, which row labels are which concept, the units line, the
// number locale, the missing-value symbols, where the table ends), and
// docs/yearbook-layouts.md explains every key. When an edition renames a
// row or moves a column, a maintainer edits the map.
//
// Workbooks are read with excelize's streaming row iterator under explicit
// unzip limits, so a hostile or huge file fails with a clear error instead
// of exhausting memory. Anything the map does not account for (a mapped
// label missing, an unmapped row, a units line that changed) fails the
// whole document with an error wrapping sources.ErrLayoutChanged; a table
// is never returned half read. Legacy .xls (BIFF) workbooks cannot be
// read: convert them with `libreoffice --headless --convert-to xlsx`.
package xlsxtable
