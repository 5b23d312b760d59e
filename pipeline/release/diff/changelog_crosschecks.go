package diff

import (
	"fmt"
	"strings"
)

// writeCrossChecks lists the cross-checks of the build: reported, never
// blocking.
func (c Changelog) writeCrossChecks(b *strings.Builder) {
	if len(c.CrossChecks) == 0 {
		return
	}
	b.WriteString("\n## Cross-checks\n\nComparisons reported for the reader; none blocks the release (docs/comparable.md).\n\n")
	for _, s := range c.CrossChecks {
		fmt.Fprintf(b, "- %s\n", mdText(s))
	}
}
