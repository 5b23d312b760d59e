package release

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// changelogFile is the name of the changelog in a version directory.
const changelogFile = "CHANGELOG.md"

// maxListedCells is how many changed values the changelog lists one by
// one; past it, it counts them per table and column.
const maxListedCells = 50

// changelog is what CHANGELOG.md says about a version.
type changelog struct {
	version, previous string
	date              time.Time
	counts            map[string]int // rows per table of the new version
	order             []string       // tables in release order
	diff              *Diff          // nil for the first release
	findings          []Finding      // the regression gate's findings
	accepted          string         // why blocking findings were accepted
	stale             map[string]time.Time
	crossChecks       []string
}

// writeChangelog writes CHANGELOG.md, rendered before the commit.
func (d *draft) writeChangelog(ctx context.Context) error {
	return d.write(ctx, changelogFile, func(w io.Writer) error {
		_, err := w.Write(d.changelog)
		return err
	})
}

// render formats the changelog as Markdown: the bump and why, schema
// changes, counts per table, changed values (listed when there are at
// most maxListedCells, else counted), provenance-only changes, rows added
// and removed, sources, stale sources, and the regression gate's findings.
func (c changelog) render() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# Changelog of %s\n\nReleased %s.", c.version, day(c.date))
	if c.diff == nil {
		b.WriteString(" First release.\n\n| table | rows |\n|---|---|\n")
		for _, t := range c.order {
			fmt.Fprintf(&b, "| %s | %d |\n", t, c.counts[t])
		}
		c.writeStale(&b)
		c.writeCrossChecks(&b)
		return []byte(b.String())
	}
	fmt.Fprintf(&b, " Changes since %s.\n\n", c.previous)
	fmt.Fprintf(&b, "This is a %s release: %s.\n", c.diff.Bump.Level, strings.Join(c.diff.Bump.Reasons, "; "))
	writeSchema(&b, c.diff)
	writeCounts(&b, c.diff)
	writeValues(&b, c.diff, maxListedCells)
	writeStamps(&b, c.diff)
	writeRowLists(&b, c.diff)
	writeSources(&b, c.diff)
	c.writeStale(&b)
	c.writeCrossChecks(&b)
	c.writeFindings(&b)
	return []byte(b.String())
}

func (c changelog) writeStale(b *strings.Builder) {
	if len(c.stale) == 0 {
		return
	}
	b.WriteString("\n## Stale sources\n\nThese sources could not be fetched again; their rows are as last retrieved.\n\n")
	for _, id := range slices.Sorted(maps.Keys(c.stale)) {
		fmt.Fprintf(b, "- `%s`: last retrieved %s\n", id, rfc3339(c.stale[id]))
	}
}

func (c changelog) writeFindings(b *strings.Builder) {
	block := blocking(c.findings)
	switch {
	case len(block) > 0 && c.accepted == "":
		b.WriteString("\n## Regressions blocking this release\n\nGive a reason to accept them.\n\n")
	case len(block) > 0:
		fmt.Fprintf(b, "\n## Regressions accepted\n\nReason: %s\n\n", mdText(c.accepted))
	}
	if len(block) > 0 {
		for _, f := range block {
			fmt.Fprintf(b, "- %s\n", mdText(f.String()))
		}
	}
	if len(block) == len(c.findings) {
		return
	}
	b.WriteString("\n## Warnings\n\n")
	for _, f := range c.findings {
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
