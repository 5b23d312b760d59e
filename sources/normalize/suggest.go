package normalize

// nearest returns the display name of the known name key closest to key in
// edit distance, if that distance is at most 3 and at most half the length
// of key. Ties go to the key that sorts first, so suggestions are stable.
func (t *countryTable) nearest(key string) (string, bool) {
	in := []rune(key)
	if len(in) == 0 {
		return "", false
	}
	best, bestDist := "", min(3, len(in)/2)+1
	for _, k := range t.keys {
		cand := []rune(k)
		if abs(len(cand)-len(in)) >= bestDist {
			continue
		}
		if d := levenshtein(in, cand); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return "", false
	}
	return t.display[best], true
}

// levenshtein returns the edit distance (insertions, deletions,
// substitutions) between a and b.
func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
