package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/publish/zenodo"
	"github.com/cubaexports/cubaexports/sources/snapshot"
)

// zenodoAPIEnv overrides the API URL of the Zenodo targets (tests point
// it at a stand-in; a mirror or a proxy could use it too).
const zenodoAPIEnv = "CUBAEXPORTS_ZENODO_API"

// isZenodo says whether a --to or --doi value names a Zenodo target.
func isZenodo(to string) bool {
	_, ok := zenodo.TargetNamed(to)
	return ok
}

// zenodoNames lists the Zenodo targets for messages.
func zenodoNames() string {
	var names []string
	for _, t := range zenodo.Targets {
		names = append(names, t.Name)
	}
	return strings.Join(names, " or ")
}

// newDepositor is a depositor on the target named name, for the releases
// in out, with the token from ZENODO_TOKEN (from nowhere else).
func newDepositor(e *env, name, out string, log *slog.Logger, inputs func(context.Context, string) ([]zenodo.InputFile, error)) (*zenodo.Depositor, error) {
	t, ok := zenodo.TargetNamed(name)
	if !ok {
		return nil, usageError{fmt.Errorf("%q: want %s", name, zenodoNames())}
	}
	if api := e.getenv(zenodoAPIEnv); api != "" {
		t.API = api
	}
	token := e.getenv(zenodo.TokenEnv)
	if token == "" {
		return nil, usageError{zenodo.ErrNoToken}
	}
	return zenodo.New(zenodo.Options{Target: t, Token: token, Out: out, Meta: datasets.Default(), Inputs: inputs, Log: log})
}

// publishZenodo deposits the releases in out on a Zenodo target.
func publishZenodo(ctx context.Context, e *env, to, out, data string, withInputs bool) error {
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	var inputs func(context.Context, string) ([]zenodo.InputFile, error)
	if withInputs {
		store, err := snapshot.OpenStore(data)
		if err != nil {
			return err
		}
		defer store.Close()
		inputs = zenodo.SnapshotInputs(out, func(sha string) (string, bool) { return store.ObjectPath(sha), store.Has(sha) })
	}
	z, err := newDepositor(e, to, out, log, inputs)
	if err != nil {
		return err
	}
	res, err := z.Publish(ctx)
	for _, s := range res.Skipped {
		fmt.Fprintf(e.stdout, "skipped %s: %s\n", s.Version, s.Reason)
	}
	for _, v := range res.Already {
		fmt.Fprintf(e.stdout, "%s is deposited already\n", v)
	}
	for _, v := range res.Inputs {
		fmt.Fprintf(e.stdout, "deposited the input snapshots of %s\n", v)
	}
	for _, v := range res.Deposited {
		fmt.Fprintf(e.stdout, "deposited %s\n", v)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: deposited %d versions (%d files uploaded), %d already there\n", to, len(res.Deposited), res.Uploaded, len(res.Already))
	return nil
}
