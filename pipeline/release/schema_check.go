package release

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// profiles holds the Frictionless profile datapackage.json is checked
// against; schema/README.md says where it comes from.
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
	if err := c.AddResource(profileURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(profileURL)
})

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
