package release

import (
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// sigFile is the detached signature of SHA256SUMS: the base64 of the
// ed25519 signature of SHA256SUMS' exact bytes, and a newline.
const sigFile = sumsFile + ".sig"

// ErrSignature is wrapped by every error about a missing or bad signature.
var ErrSignature = errors.New("bad signature")

// writeSignature writes SHA256SUMS.sig, the signature of sums, when key
// is set.
func (d *draft) writeSignature(ctx context.Context, key ed25519.PrivateKey, sums []byte) error {
	if key == nil {
		return nil
	}
	sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, sums)) + "\n"
	return d.write(ctx, sigFile, func(w io.Writer) error {
		_, err := io.WriteString(w, sig)
		return err
	})
}

// VerifySignature checks SHA256SUMS.sig of the release version in out
// ("" for the latest) against pub. A missing or bad signature is an error
// wrapping ErrSignature.
func VerifySignature(out, version string, pub ed25519.PublicKey) error {
	if version == "" {
		v, err := Latest(out)
		if err != nil {
			return err
		}
		version = v
	}
	if _, err := parseVersion(version); err != nil {
		return err
	}
	dir := filepath.Join(releasesDir(out), version)
	sums, err := os.ReadFile(filepath.Join(dir, sumsFile))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSignature, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, sigFile))
	if err != nil {
		return fmt.Errorf("%w: %s: the release is not signed: %w", ErrSignature, version, err)
	}
	sig, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return fmt.Errorf("%w: %s: not a base64 ed25519 signature", ErrSignature, filepath.Join(dir, sigFile))
	}
	if !ed25519.Verify(pub, sums, sig) {
		return fmt.Errorf("%w: %s does not match %s and this public key", ErrSignature, filepath.Join(dir, sigFile), sumsFile)
	}
	return nil
}

// ParsePrivateKey reads an ed25519 signing key: PEM "PRIVATE KEY"
// (PKCS #8, as `openssl genpkey -algorithm ed25519` writes it), or the
// 32-byte seed or 64-byte private key, raw or in hex.
func ParsePrivateKey(b []byte) (ed25519.PrivateKey, error) {
	if blk, _ := pem.Decode(b); blk != nil {
		k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("signing key: %w", err)
		}
		if ek, ok := k.(ed25519.PrivateKey); ok {
			return ek, nil
		}
		return nil, fmt.Errorf("signing key: %T is not an ed25519 key", k)
	}
	raw := rawKey(b)
	switch len(raw) {
	case ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(raw), nil
	case ed25519.PrivateKeySize:
		return ed25519.PrivateKey(raw), nil
	}
	return nil, fmt.Errorf("signing key: want PEM PKCS #8, or a 32-byte seed or 64-byte key (raw or hex), got %d bytes", len(raw))
}

// ParsePublicKey reads an ed25519 public key: PEM "PUBLIC KEY" (PKIX, as
// `openssl pkey -pubout` writes it), or its 32 bytes, raw or in hex.
func ParsePublicKey(b []byte) (ed25519.PublicKey, error) {
	if blk, _ := pem.Decode(b); blk != nil {
		k, err := x509.ParsePKIXPublicKey(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("public key: %w", err)
		}
		if ek, ok := k.(ed25519.PublicKey); ok {
			return ek, nil
		}
		return nil, fmt.Errorf("public key: %T is not an ed25519 key", k)
	}
	if raw := rawKey(b); len(raw) == ed25519.PublicKeySize {
		return ed25519.PublicKey(raw), nil
	}
	return nil, errors.New("public key: want PEM PKIX, or 32 bytes (raw or hex)")
}

// rawKey decodes hex text, else returns b as it is.
func rawKey(b []byte) []byte {
	if h, err := hex.DecodeString(strings.TrimSpace(string(b))); err == nil {
		return h
	}
	return b
}
