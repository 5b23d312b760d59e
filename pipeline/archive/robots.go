package archive

import (
	"bufio"
	"io"
	"net/url"
	"strings"
)

// maxRobotsBytes is how much of a robots.txt is read (RFC 9309 asks
// crawlers to parse at least 500 KiB).
const maxRobotsBytes = 500 << 10

// Robots is a parsed robots.txt: the rules of the group that applies to
// one user agent. The zero value allows everything.
type Robots struct {
	rules []robotsRule
}

type robotsRule struct {
	allow   bool
	pattern string
}

// ParseRobots reads a robots.txt (RFC 9309) and keeps the rules of the
// groups that apply to agent, the product token of our User-Agent: the
// groups naming the longest user-agent token that agent contains
// (case-insensitively), merged; else the groups of "*". Lines it does not
// understand are ignored; nothing in the text can make it fail.
func ParseRobots(r io.Reader, agent string) *Robots {
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []robotsRule
	}
	var groups []group
	inAgents := false // the previous significant line was a user-agent line
	sc := bufio.NewScanner(io.LimitReader(r, maxRobotsBytes))
	sc.Buffer(make([]byte, 0, 4096), maxRobotsBytes)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !inAgents {
				groups = append(groups, group{})
			}
			g := &groups[len(groups)-1]
			g.agents = append(g.agents, strings.ToLower(val))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if len(groups) == 0 || val == "" { // an empty disallow allows all
				continue
			}
			g := &groups[len(groups)-1]
			g.rules = append(g.rules, robotsRule{allow: key == "allow", pattern: val})
		default:
			// sitemap, crawl-delay and others end no group.
		}
	}
	bestLen := -1
	matches := func(a string) int {
		if a == "*" {
			return 0
		}
		if a != "" && strings.Contains(agent, a) {
			return len(a)
		}
		return -1
	}
	for _, g := range groups {
		for _, a := range g.agents {
			bestLen = max(bestLen, matches(a))
		}
	}
	rb := &Robots{}
	if bestLen < 0 {
		return rb
	}
	for _, g := range groups {
		for _, a := range g.agents {
			if matches(a) == bestLen {
				rb.rules = append(rb.rules, g.rules...)
				break
			}
		}
	}
	return rb
}

// Allowed reports whether the URL's path (with its query) may be
// fetched: the rule with the longest pattern matching it decides, Allow
// winning a tie; no matching rule allows. /robots.txt is always allowed.
func (r *Robots) Allowed(u *url.URL) bool {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if p == "/robots.txt" || r == nil {
		return true
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	allow, longest := true, -1
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, p) {
			continue
		}
		n := len(rule.pattern)
		if n > longest || (n == longest && rule.allow) {
			allow, longest = rule.allow, n
		}
	}
	return allow
}

// robotsMatch reports whether path matches pattern from its start: '*'
// matches any run of characters, a final '$' anchors the end.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, part)
		}
		j := strings.Index(rest, part)
		if j < 0 {
			return false
		}
		rest = rest[j+len(part):]
	}
	return true
}
