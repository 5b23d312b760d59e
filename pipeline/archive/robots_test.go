package archive

import (
	"net/url"
	"strings"
	"testing"
)

func TestRobots(t *testing.T) {
	const txt = `# comment
User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Disallow: /tmp

User-agent: CubaExports
User-agent: friend
Disallow: /secret
Allow: /secret/ok$
Disallow: /a*b
Sitemap: https://x/sitemap.xml
Disallow: /also   # after a sitemap line, still the same group
`
	tests := []struct {
		agent, path string
		want        bool
	}{
		{"cubaexports", "/anything", true},
		{"cubaexports", "/private/x", true}, // its own group, not *
		{"cubaexports", "/secret", false},
		{"cubaexports", "/secret/ok", true},
		{"cubaexports", "/secret/ok/more", false},
		{"cubaexports", "/axxb", false},
		{"cubaexports", "/ab", false},
		{"cubaexports", "/a", true},
		{"cubaexports", "/also", false},
		{"cubaexports", "/robots.txt", true},
		{"somebot", "/private/x", false},
		{"somebot", "/private/open/1", true}, // longest match wins
		{"somebot", "/doc.pdf", false},
		{"somebot", "/doc.pdf?x=1", true}, // $ anchors the end
		{"somebot", "/tmpfile", false},
		{"somebot", "/", true},
		{"otherbot/2", "/", false},
	}
	for _, tc := range tests {
		r := ParseRobots(strings.NewReader(txt), tc.agent)
		u, _ := url.Parse("https://example.org" + tc.path)
		if got := r.Allowed(u); got != tc.want {
			t.Errorf("%s %s: allowed %v, want %v", tc.agent, tc.path, got, tc.want)
		}
	}
}

func TestRobotsTieAndEmpty(t *testing.T) {
	r := ParseRobots(strings.NewReader("User-agent: *\nDisallow: /x\nAllow: /x\n"), "cubaexports")
	u, _ := url.Parse("https://e/x")
	if !r.Allowed(u) {
		t.Error("a tie between allow and disallow of the same length allows")
	}
	r = ParseRobots(strings.NewReader("User-agent: *\nDisallow:\n"), "cubaexports")
	if !r.Allowed(u) {
		t.Error("an empty disallow allows everything")
	}
	if !ParseRobots(strings.NewReader(""), "x").Allowed(u) {
		t.Error("an empty robots.txt allows everything")
	}
}

// FuzzRobots: any text parses; /robots.txt is always allowed; a path
// no rule's literal prefix can match is allowed; the decision does not
// depend on a query-less path being given with or without "?".
func FuzzRobots(f *testing.F) {
	f.Add("User-agent: *\nDisallow: /\n", "/x")
	f.Add("User-agent: cubaexports\nAllow: /a$\nDisallow: /*\n", "/a")
	f.Add("user-agent:*\ndisallow:/*.pdf$\n", "/x.pdf")
	f.Fuzz(func(t *testing.T, txt, p string) {
		r := ParseRobots(strings.NewReader(txt), "cubaexports")
		rt, _ := url.Parse("https://example.org/robots.txt")
		if !r.Allowed(rt) {
			t.Fatal("/robots.txt disallowed")
		}
		u, err := url.Parse("https://example.org/" + strings.TrimLeft(p, "/"))
		if err != nil {
			return
		}
		_ = r.Allowed(u)
		for _, rule := range r.rules {
			if rule.pattern == "" {
				t.Fatal("an empty pattern was kept")
			}
		}
	})
}

func TestRobotsMatch(t *testing.T) {
	for _, tc := range []struct {
		pat, path string
		want      bool
	}{
		{"/", "/x", true}, {"*", "/x", true}, {"/x$", "/x", true}, {"/x$", "/xy", false},
		{"/*/y$", "/a/b/y", true}, {"/*/y$", "/a/y/z", false}, {"/a*", "/a", true}, {"$", "", true},
	} {
		if got := robotsMatch(tc.pat, tc.path); got != tc.want {
			t.Errorf("robotsMatch(%q, %q) = %v, want %v", tc.pat, tc.path, got, tc.want)
		}
	}
}
