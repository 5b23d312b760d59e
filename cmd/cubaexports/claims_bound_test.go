package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// SIGTERM stops extract-claims in the middle of a large document with
// exit 130 (before issue 22 the finder ignored SIGINT and SIGTERM for
// more than 16 minutes). The test waits for the first rows on stdout,
// which say the finder is at work, then signals; the rows written by
// then are a small part of the document's.
func TestExtractClaimsSIGTERM(t *testing.T) {
	dir := t.TempDir()
	const numbers = 4 << 20 // 20 MiB of "1234 "
	path := filepath.Join(dir, "numbers.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("1234 ", numbers)), 0o644); err != nil {
		t.Fatal(err)
	}
	p := start(t, dir, nil, "extract-claims", path)
	p.stdout.await(t, "the first rows", 5*time.Minute, p.done, func(out string) bool { return strings.Count(out, "\n") > 10 })
	signalled := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	r := p.wait(t)
	t.Logf("stopped %v after SIGTERM", time.Since(signalled))
	if r.code != exitInterrupted || !strings.Contains(r.stderr, "interrupted") {
		t.Fatalf("exit %d, stderr %q; want %d, interrupted", r.code, r.stderr, exitInterrupted)
	}
	if rows := strings.Count(r.stdout, "\n"); rows >= numbers/2 {
		t.Fatalf("%d rows of %d: it ran on after SIGTERM", rows, numbers)
	}
}

// Random bytes named .pdf are an error (exit 1, naming the file), not
// rows of junk; so are binary bytes under any name.
func TestExtractClaimsRefusesBinary(t *testing.T) {
	dir := t.TempDir()
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i*7919 + i/13)
	}
	for _, name := range []string{"random.pdf", "random.bin"} {
		if err := os.WriteFile(filepath.Join(dir, name), junk, 0o644); err != nil {
			t.Fatal(err)
		}
		r := cli(t, dir, "extract-claims", name)
		if r.code != 1 || !strings.Contains(r.stderr, name) || !strings.Contains(r.stderr, "unreadable document") || strings.Count(r.stdout, "\n") > 1 {
			t.Errorf("%s: exit %d, %d rows, stderr %q", name, r.code, strings.Count(r.stdout, "\n"), r.stderr)
		}
	}
}
