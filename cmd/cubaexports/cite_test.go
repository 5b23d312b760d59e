package main

import (
	"crypto/ed25519"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCite(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release"), 0)
	r := must(t, cli(t, dir, "cite"), 0)
	if !strings.Contains(r.stdout, "(2026).") || !strings.Contains(r.stdout, "(Version v1.0.0) [Data set]") {
		t.Errorf("cite (APA): %s", r.stdout)
	}
	for format, want := range map[string]string{
		"apa": "[Data set]", "bibtex": "@misc{cubaexports_v1_0_0,", "ris": "TY  - DATA\r\n",
		"cff": "cff-version: 1.2.0\n", "datacite": `"resourceTypeGeneral": "Dataset"`,
	} {
		r := must(t, cli(t, dir, "cite", "--format", format, "v1.0.0"), 0)
		if !strings.Contains(r.stdout, want) {
			t.Errorf("cite --format %s lacks %q:\n%s", format, want, r.stdout)
		}
	}
	var doc struct {
		Data struct {
			Attributes struct {
				PublicationYear int    `json:"publicationYear"`
				Version         string `json:"version"`
			} `json:"attributes"`
		} `json:"data"`
	}
	r = must(t, cli(t, dir, "cite", "--format", "datacite"), 0)
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Data.Attributes.PublicationYear != 2026 ||
		doc.Data.Attributes.Version != "v1.0.0" {
		t.Errorf("datacite %+v (%v)", doc, err)
	}
	must(t, cli(t, dir, "cite", "--format", "mla"), 2)
	must(t, cli(t, dir, "cite", "v1.0.0", "v2.0.0"), 2)
	must(t, cli(t, dir, "cite", "v9.9.9"), 1)
}

// release --sign-key writes SHA256SUMS.sig; verify --pubkey checks it and
// fails on a wrong key or a missing signature.
func TestSignAndVerify(t *testing.T) {
	dir := t.TempDir()
	key := ed25519.NewKeyFromSeed([]byte("cubaexports test key, not secret"))
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	pubDER, _ := x509.MarshalPKIXPublicKey(key.Public())
	os.WriteFile(filepath.Join(dir, "pub.pem"), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644)
	other := ed25519.NewKeyFromSeed([]byte("another key, 32 bytes long......")).Public().(ed25519.PublicKey)
	os.WriteFile(filepath.Join(dir, "other.hex"), []byte(hex.EncodeToString(other)), 0o644)

	must(t, cli(t, dir, "release", "--sign-key", "key.pem"), 0)
	if _, err := os.Stat(filepath.Join(dir, "out", "releases", "v1.0.0", "SHA256SUMS.sig")); err != nil {
		t.Fatal(err)
	}
	r := must(t, cli(t, dir, "verify", "--pubkey", "pub.pem"), 0)
	if !strings.Contains(r.stdout, "SHA256SUMS.sig is a valid signature") {
		t.Errorf("verify: %s", r.stdout)
	}
	must(t, cli(t, dir, "verify"), 0) // no key: the signature is not checked
	if r := must(t, cli(t, dir, "verify", "--pubkey", "other.hex"), 1); !strings.Contains(r.stderr, "bad signature") {
		t.Errorf("wrong key: %s", r.stderr)
	}
	must(t, cli(t, dir, "release", "--out", "unsigned"), 0)
	if r := must(t, cli(t, dir, "verify", "--out", "unsigned", "--pubkey", "pub.pem"), 1); !strings.Contains(r.stderr, "not signed") {
		t.Errorf("unsigned: %s", r.stderr)
	}
	must(t, cli(t, dir, "release", "--out", "x", "--sign-key", "missing.pem"), 2)
	must(t, cli(t, dir, "verify", "--pubkey", "key.pem"), 2)
}

// No command changes a published version: every file of v1.0.0 keeps its
// bytes and its modification time.
func TestPublishedVersionIsImmutable(t *testing.T) {
	dir := t.TempDir()
	must(t, cli(t, dir, "release"), 0)
	rel := filepath.Join(dir, "out", "releases", "v1.0.0")
	old := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) // so a rewrite within the same second shows
	filepath.Walk(rel, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	before := tree(t, rel)
	for _, args := range [][]string{
		{"run", "--offline"}, {"release"}, {"releases"}, {"verify"}, {"verify", "v1.0.0"}, {"cite"},
		{"cite", "--format", "datacite", "v1.0.0"}, {"sources"}, {"version"}, {"history", "x"}, {"status"},
		{"diff", "v1.0.0", "v1.0.0"},
	} {
		cli(t, dir, args...)
	}
	sameTree(t, before, tree(t, rel))
	filepath.Walk(rel, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.ModTime().Equal(old) {
			t.Errorf("%s: modified at %v", p, fi.ModTime())
		}
		return err
	})
}
