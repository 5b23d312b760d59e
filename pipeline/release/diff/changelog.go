package diff

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// maxListedCells is how many changed values the changelog lists one by
// one; past it, it counts them per table and column.
const maxListedCells = 50

// Changelog is what a version's CHANGELOG.md says: the diff against the
// previous version and what else the release reports.
type Changelog struct {
	Version, Previous string               // Previous is "" for the first release
	Date              time.Time            // the release date
	Counts            map[string]int       // rows per table of the new version
	Order             []string             // tables in release order
	Diff              *Diff                // nil for the first release
	Findings          []Finding            // the regression gate's findings
	Accepted          string               // why blocking findings were accepted
	Stale             map[string]time.Time // sources not fetched again, with the retrieval time of their rows
	CrossChecks       []string             // comparisons reported, never blocking
	DocChecks         *DocChecks           // the citation check against archived documents; nil: not reported
}

// Render formats the changelog as Markdown: the bump and why, schema
// changes, counts per table, every corrected and re-identified row (all of
// them, field by field), the other changed values (listed when there are
// at most maxListedCells, else counted), provenance-only changes, rows
// added and removed, sources, stale sources, and the regression gate's
// findings.
func (c Changelog) Render() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changelog of %s\n\nReleased %s.", c.Version, day(c.Date))
	if c.Diff == nil {
		b.WriteString(" First release.\n\n| table | rows |\n|---|---|\n")
		for _, t := range c.Order {
			fmt.Fprintf(&b, "| %s | %d |\n", t, c.Counts[t])
		}
		c.writeStale(&b)
		c.writeCrossChecks(&b)
		c.writeDocChecks(&b)
		return []byte(b.String())
	}
	fmt.Fprintf(&b, " Changes since %s.\n\n", c.Previous)
	fmt.Fprintf(&b, "This is a %s release: %s.\n", c.Diff.Bump.Level, strings.Join(c.Diff.Bump.Reasons, "; "))
	writeSchema(&b, c.Diff)
	writeCounts(&b, c.Diff)
	writeCorrected(&b, c.Diff)
	writeValues(&b, c.Diff, maxListedCells)
	writeStamps(&b, c.Diff)
	writeRowLists(&b, c.Diff)
	writeSources(&b, c.Diff)
	c.writeStale(&b)
	c.writeCrossChecks(&b)
	c.writeDocChecks(&b)
	c.writeFindings(&b)
	return []byte(b.String())
}

func (c Changelog) writeStale(b *strings.Builder) {
	if len(c.Stale) == 0 {
		return
	}
	b.WriteString("\n## Stale sources\n\nThese sources could not be fetched again; their rows are as last retrieved.\n\n")
	for _, id := range slices.Sorted(maps.Keys(c.Stale)) {
		fmt.Fprintf(b, "- `%s`: last retrieved %s\n", id, rfc3339(c.Stale[id]))
	}
}

func (c Changelog) writeFindings(b *strings.Builder) {
	block := Blocking(c.Findings)
	switch {
	case len(block) > 0 && c.Accepted == "":
		b.WriteString("\n## Regressions blocking this release\n\nGive a reason to accept them.\n\n")
	case len(block) > 0:
		fmt.Fprintf(b, "\n## Regressions accepted\n\nReason: %s\n\n", mdText(c.Accepted))
	}
	if len(block) > 0 {
		for _, f := range block {
			fmt.Fprintf(b, "- %s\n", mdText(f.String()))
		}
	}
	if len(block) == len(c.Findings) {
		return
	}
	b.WriteString("\n## Warnings\n\n")
	for _, f := range c.Findings {
		if !f.Blocking {
			fmt.Fprintf(b, "- %s\n", mdText(f.String()))
		}
	}
}

// mdValue shows a CSV cell in Markdown: code, or "(empty)" for a null.
func mdValue(v string) string {
	if v == "" {
		return "(empty)"
	}
	return "`" + mdText(strings.ReplaceAll(v, "`", "'")) + "`"
}

// mdText keeps a text on one line.
func mdText(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// day formats t as its UTC date.
func day(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// rfc3339 formats t as RFC 3339 in UTC, to the second.
func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
