// Package citations confirms curated figures against the documents they
// cite: for every curated row whose document has a stored snapshot, it
// looks for the row's figure among the numbers the claim finder reads on
// each page, and says on which page it stands. It reads rows and
// documents and decides nothing else: which documents a source_id has,
// and what a figure not found means for a release, are the caller's.
package citations
