// Package site generates the static web catalog of the cubaexports
// releases: a home page, one page per version and per table (codebook,
// row counts, a preview, downloads with sizes and SHA-256, changelog,
// citations, schema.org/Dataset JSON-LD), a page per host country and one
// for the world totals, a sources page, and charts drawn as SVG from the
// data (svgchart.go) that read on a phone.
//
// The site is plain HTML and CSS, readable without JavaScript, with
// relative links only, so it can be served from any host and any prefix.
// The release files are copied under releases/ in the site, in the same
// layout as OUT/releases (releases/index.json, releases/latest,
// releases/vX.Y.Z/...), so a version's files have the same relative paths
// in the site as in a release and on object storage.
//
// The same releases give a byte-identical site.
package site
