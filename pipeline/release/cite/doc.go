// Package cite reads and formats the citation of a published version:
// its CITATION.cff and datapackage.json give the title, version, date,
// authors, license and DOI, printed as APA text, BibTeX, RIS or a DataCite
// record. It reads a version's files and nothing else, so the release
// writer, the web catalog and the cite command share one citation.
package cite
