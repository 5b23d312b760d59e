package duckdb_test

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
)

var (
	codebookTable = regexp.MustCompile("^## .*\\(`([a-z_0-9]+)`\\)$")
	codebookRound = regexp.MustCompile("^\\| `([a-z_0-9]+)` \\|.*The CSV rounds it to ([0-9]+) decimals")
)

// codebookPrecision reads, from a release's CODEBOOK.md, the columns whose
// CSV cells are rounded and to how many decimals, by table: the reader
// learns the precision from the documentation, as a user would.
func codebookPrecision(path string) (map[string]map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]map[string]int{}
	table := ""
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if m := codebookTable.FindStringSubmatch(sc.Text()); m != nil {
			table = m[1]
		}
		if m := codebookRound.FindStringSubmatch(sc.Text()); m != nil && table != "" {
			if out[table] == nil {
				out[table] = map[string]int{}
			}
			out[table][m[1]], _ = strconv.Atoi(m[2])
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s states no rounded column", path)
	}
	return out, sc.Err()
}
