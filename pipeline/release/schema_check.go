package release

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// profiles holds the Frictionless profile datapackage.json is checked
// against, byte for byte as published; schema/README.md says where it
// comes from.
//
//go:embed schema/datapackage-2.0.json
var profiles embed.FS

// profileURL names the embedded profile inside the compiler.
const profileURL = "https://datapackage.org/profiles/2.0/datapackage.json"

// dataPackageSchema compiles the embedded profile once.
var dataPackageSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	b, err := profiles.ReadFile("schema/datapackage-2.0.json")
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("the embedded Data Package profile: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseRegexpEngine(compilePattern)
	if err := c.AddResource(profileURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(profileURL)
})

// patternTimeout bounds one match of a pattern compiled by regexp2, which
// backtracks.
const patternTimeout = time.Second

// compilePattern compiles a JSON Schema pattern. JSON Schema patterns are
// ECMA-262 regular expressions; Go's regexp (RE2) compiles most of them,
// with the same meaning, in linear time. The profile's path pattern uses
// look-ahead, which RE2 does not have: such patterns are compiled by
// github.com/dlclark/regexp2 in ECMAScript mode.
func compilePattern(s string) (jsonschema.Regexp, error) {
	if re, err := regexp.Compile(s); err == nil {
		return re, nil
	}
	re, err := regexp2.Compile(s, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	re.MatchTimeout = patternTimeout
	return (*ecmaRegexp)(re), nil
}

// ecmaRegexp adapts a regexp2.Regexp to jsonschema.Regexp.
type ecmaRegexp regexp2.Regexp

// MatchString reports whether s contains a match; a match that errs (it
// timed out) is no match, so the value fails the pattern.
func (re *ecmaRegexp) MatchString(s string) bool {
	ok, err := (*regexp2.Regexp)(re).MatchString(s)
	return err == nil && ok
}

func (re *ecmaRegexp) String() string { return (*regexp2.Regexp)(re).String() }

// ValidateDataPackage checks a datapackage.json descriptor against the
// Frictionless Data Package v2 profile embedded in the binary.
func ValidateDataPackage(descriptor []byte) error {
	sch, err := dataPackageSchema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(descriptor))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return sch.Validate(inst)
}

// checkDataPackageSchema validates datapackage.json against the profile.
func (v *verifier) checkDataPackageSchema(ctx context.Context) error {
	const name = "datapackage.json"
	b, err := os.ReadFile(filepath.Join(v.dir, name))
	if err != nil {
		return nil // checkDataPackage reports it
	}
	if err := ValidateDataPackage(b); err != nil {
		v.fail(name, "not a Frictionless Data Package v2: %v", err)
	}
	return ctx.Err()
}
