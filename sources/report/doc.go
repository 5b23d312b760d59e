// Package report reads figures out of prose documents: PDF reports, HTML
// pages and plain text.
//
// It has three parts. Document text: Pages yields the text of a
// document page by page (PDF through PDFium compiled to WebAssembly, HTML
// through golang.org/x/net/html, text split at form feeds), normalized by
// Normalize so that offsets always refer to the normalized text of a page.
// Claims: FindClaims lists the candidate figures of a page (money, counts,
// percentages, durations) with their amount, currency, period, qualifier,
// country and year, for curators and the extract-claims command;
// FindClaimsAcross and ReadClaims also read a sentence cut by a page
// break whole. The
// source kind "report": a catalog entry declares the figures to take from
// one document, each as a regular expression over the normalized text,
// and Extract turns them into typed rows located by page and characters.
package report
