package zenodo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cubaexports/cubaexports/datasets"
	"github.com/cubaexports/cubaexports/pipeline/release"
	"github.com/cubaexports/cubaexports/pipeline/release/cite"
)

// TokenEnv is the environment variable holding the Zenodo token; the
// token is read from nowhere else.
const TokenEnv = "ZENODO_TOKEN"

// ErrNoToken is returned when no token is given.
var ErrNoToken = errors.New("zenodo: no token: set " + TokenEnv + " to a personal access token with the deposit:write and deposit:actions scopes")

// ErrDiffers is returned when a deposited version's files differ from
// the local release's.
var ErrDiffers = errors.New("zenodo: a deposited version differs from the release")

// ErrNotDeposited is returned by Reserve while a version sealed with a
// reserved DOI waits for its deposit: Zenodo makes a new version only of
// a published one.
var ErrNotDeposited = errors.New("zenodo: a sealed version is not deposited yet")

// Options say where to deposit what.
type Options struct {
	Target Target
	Token  string // from TokenEnv
	// Out is the output directory holding releases/.
	Out string
	// Meta is the dataset's metadata, for the draft a reservation makes
	// (the deposit sets the version's own metadata from its files).
	Meta datasets.Metadata
	// Inputs, when set, lists the input snapshots of a version that may
	// be redistributed; Publish deposits them as a record of their own
	// that the version's record links to (isDerivedFrom).
	Inputs func(ctx context.Context, version string) ([]InputFile, error)
	HTTP   *http.Client // default http.DefaultClient
	Log    *slog.Logger
	// Retries of a request that can succeed later (network errors, 408,
	// 429, 5xx); default 5, negative for none.
	Retries int
	// Wait sleeps before a retry (tests replace it); default a timer.
	Wait func(ctx context.Context, d time.Duration) error
}

// InputFile is an input snapshot to deposit.
type InputFile struct {
	Name string // its name on Zenodo
	Path string // where its bytes are
}

// Depositor reserves DOIs for release versions and deposits them.
type Depositor struct {
	o       Options
	c       *client
	journal string
}

// New returns a depositor for o; it fails without a token.
func New(o Options) (*Depositor, error) {
	if o.Token == "" {
		return nil, ErrNoToken
	}
	if o.Target.API == "" {
		return nil, errors.New("zenodo: no target")
	}
	c := &client{api: o.Target.API, token: o.Token, hc: o.HTTP, log: o.Log, retries: o.Retries, wait: o.Wait}
	if c.hc == nil {
		c.hc = http.DefaultClient
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.retries == 0 {
		c.retries = 5
	}
	if c.wait == nil {
		c.wait = sleep
	}
	return &Depositor{o: o, c: c, journal: filepath.Join(o.Out, "releases", o.Target.Name+".json")}, nil
}

// JournalPath is where the depositor keeps its journal.
func (z *Depositor) JournalPath() string { return z.journal }

// recordID is the deposition id of a DOI this target minted
// (10.5281/zenodo.123 is deposition 123).
func (z *Depositor) recordID(doi string) (int64, bool) {
	rest, ok := strings.CutPrefix(cite.BareDOI(doi), z.o.Target.DOIPrefix+"/zenodo.")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// sync adds to the journal every released version whose files carry a
// DOI of this target that the journal does not know (a lost or foreign
// journal), as reserved: the deposit finds out whether it was published.
// It returns the citations of the released versions, in version order.
func (z *Depositor) sync(j *journal) ([]release.Entry, map[string]cite.Citation, error) {
	entries, err := release.Index(z.o.Out)
	if err != nil {
		return nil, nil, err
	}
	cites := map[string]cite.Citation{}
	for _, e := range entries {
		c, err := release.ReadCitation(z.o.Out, e.Version)
		if err != nil {
			return nil, nil, err
		}
		cites[e.Version] = c
		id, ok := z.recordID(c.DOI)
		if !ok || c.ConceptDOI == "" || find(j.Versions, e.Version) != nil {
			continue
		}
		j.Versions = append(j.Versions, Record{Version: e.Version, State: stateReserved, ID: id, DOI: c.DOI, ConceptDOI: c.ConceptDOI})
	}
	return entries, cites, nil
}

// sealed says whether version has been released (its directory exists).
func (z *Depositor) sealed(entries []release.Entry, version string) bool {
	for _, e := range entries {
		if e.Version == version {
			return true
		}
	}
	return false
}

// doi is a record's DOIs as a release takes them.
func (r *Record) doi() release.DOI { return release.DOI{Version: r.DOI, Concept: r.ConceptDOI} }

func (z *Depositor) logf(msg string, args ...any) { z.c.log.Info(fmt.Sprintf(msg, args...)) }
