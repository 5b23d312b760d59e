package release

import (
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/memory"
)

var testSeed = []byte("cubaexports test key, not secret")

func TestSignedRelease(t *testing.T) {
	key := ed25519.NewKeyFromSeed(testSeed)
	out := t.TempDir()
	in := syntheticInput()
	in.SignKey = key
	if _, err := build(context.Background(), out, in, memory.DefaultAllocator); err != nil {
		t.Fatal(err)
	}
	pub := key.Public().(ed25519.PublicKey)
	if err := VerifySignature(out, "v1.0.0", pub); err != nil {
		t.Errorf("VerifySignature: %v", err)
	}
	if err := Verify(context.Background(), out, "v1.0.0"); err != nil {
		t.Errorf("Verify with SHA256SUMS.sig present: %v", err)
	}
	other := ed25519.NewKeyFromSeed([]byte("another key, 32 bytes long......")).Public().(ed25519.PublicKey)
	if err := VerifySignature(out, "v1.0.0", other); !errors.Is(err, ErrSignature) {
		t.Errorf("another key: %v, want ErrSignature", err)
	}
	sums := filepath.Join(releasesDir(out), "v1.0.0", sumsFile)
	b := readFile(t, sums)
	os.WriteFile(sums, append(b, '\n'), 0o644)
	if err := VerifySignature(out, "v1.0.0", pub); !errors.Is(err, ErrSignature) {
		t.Errorf("changed SHA256SUMS: %v, want ErrSignature", err)
	}
	unsigned := t.TempDir()
	mustBuild(t, unsigned, syntheticInput())
	if err := VerifySignature(unsigned, "", pub); !errors.Is(err, ErrSignature) || !strings.Contains(err.Error(), "not signed") {
		t.Errorf("unsigned release: %v", err)
	}
}

func TestParseKeys(t *testing.T) {
	key := ed25519.NewKeyFromSeed(testSeed)
	pub := key.Public().(ed25519.PublicKey)
	der, _ := x509.MarshalPKCS8PrivateKey(key)
	pubDER, _ := x509.MarshalPKIXPublicKey(pub)
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})},
		{"seed", testSeed},
		{"hex seed", []byte(hex.EncodeToString(testSeed) + "\n")},
		{"64 bytes", key},
	} {
		k, err := ParsePrivateKey(tc.in)
		if err != nil || !k.Equal(key) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	if _, err := ParsePrivateKey([]byte("short")); err == nil {
		t.Error("a 5-byte key parsed")
	}
	for _, in := range [][]byte{pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), pub, []byte(hex.EncodeToString(pub))} {
		if p, err := ParsePublicKey(in); err != nil || !p.Equal(pub) {
			t.Errorf("public key %q: %v", in, err)
		}
	}
}
