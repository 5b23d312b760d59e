package zenodo

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
)

// deposition is what Zenodo says about a deposition (the fields we read).
type deposition struct {
	ID           int64  `json:"id"`
	ConceptRecID string `json:"conceptrecid"`
	DOI          string `json:"doi"`
	ConceptDOI   string `json:"conceptdoi"`
	Submitted    bool   `json:"submitted"`
	State        string `json:"state"`
	Metadata     struct {
		Title         string `json:"title"`
		Version       string `json:"version"`
		PrereserveDOI *struct {
			DOI   string `json:"doi"`
			RecID int64  `json:"recid"`
		} `json:"prereserve_doi"`
	} `json:"metadata"`
	Links struct {
		Bucket      string `json:"bucket"`
		LatestDraft string `json:"latest_draft"`
	} `json:"links"`
}

// reserved is the deposition's pre-reserved DOI ("" before one is).
func (d *deposition) reserved() string {
	if d.Metadata.PrereserveDOI == nil {
		return ""
	}
	return d.Metadata.PrereserveDOI.DOI
}

// conceptDOI is the concept DOI: Zenodo's once published, else the
// prefix of the reserved DOI with the concept record id.
func (d *deposition) conceptDOI() string {
	if d.ConceptDOI != "" {
		return d.ConceptDOI
	}
	prefix, _, ok := strings.Cut(d.reserved(), "/")
	if !ok || d.ConceptRecID == "" {
		return ""
	}
	return prefix + "/zenodo." + d.ConceptRecID
}

// remoteFile is a file of a deposition as Zenodo lists it.
type remoteFile struct {
	ID       string `json:"id"`
	Filename string `json:"filename"`
	Size     int64  `json:"filesize"`
	Checksum string `json:"checksum"` // hex MD5
}

func depositionPath(id int64) string { return fmt.Sprintf("/deposit/depositions/%d", id) }

// create creates a deposition with metadata m (POST, not idempotent: a
// lost answer is recovered by findDraft).
func (c *client) create(ctx context.Context, m Metadata) (*deposition, error) {
	b, err := jsonBody(map[string]any{"metadata": m})
	if err != nil {
		return nil, err
	}
	var d deposition
	return &d, c.do(ctx, "POST", "/deposit/depositions", b, false, &d)
}

// get reads a deposition.
func (c *client) get(ctx context.Context, id int64) (*deposition, error) {
	var d deposition
	return &d, c.do(ctx, "GET", depositionPath(id), nil, true, &d)
}

// drafts lists the token owner's unpublished depositions.
func (c *client) drafts(ctx context.Context) ([]deposition, error) {
	var ds []deposition
	return ds, c.do(ctx, "GET", "/deposit/depositions?status=draft&size=100", nil, true, &ds)
}

// update replaces a draft's metadata.
func (c *client) update(ctx context.Context, id int64, m Metadata) (*deposition, error) {
	b, err := jsonBody(map[string]any{"metadata": m})
	if err != nil {
		return nil, err
	}
	var d deposition
	return &d, c.do(ctx, "PUT", depositionPath(id), b, true, &d)
}

// newVersion asks for a new version of a published deposition and
// returns its draft. Zenodo answers with the existing draft when there is
// one already, so it is safe to repeat.
func (c *client) newVersion(ctx context.Context, id int64) (*deposition, error) {
	var parent deposition
	if err := c.do(ctx, "POST", depositionPath(id)+"/actions/newversion", nil, true, &parent); err != nil {
		return nil, err
	}
	if parent.Links.LatestDraft == "" {
		return nil, fmt.Errorf("zenodo: new version of deposition %d: no latest_draft link in the answer", id)
	}
	var d deposition
	return &d, c.do(ctx, "GET", parent.Links.LatestDraft, nil, true, &d)
}

// files lists a deposition's files.
func (c *client) files(ctx context.Context, id int64) ([]remoteFile, error) {
	var fs []remoteFile
	return fs, c.do(ctx, "GET", depositionPath(id)+"/files", nil, true, &fs)
}

// deleteFile removes a file from a draft.
func (c *client) deleteFile(ctx context.Context, id int64, fileID string) error {
	return c.do(ctx, "DELETE", depositionPath(id)+"/files/"+url.PathEscape(fileID), nil, true, nil)
}

// upload PUTs a local file into a draft's bucket as name and returns the
// checksum Zenodo computed ("md5:<hex>").
func (c *client) upload(ctx context.Context, bucket, name, path string, size int64) (string, error) {
	in := &body{open: func() (io.ReadCloser, error) { return os.Open(path) }, size: size,
		ctype: "application/octet-stream"}
	var out struct {
		Checksum string `json:"checksum"`
	}
	err := c.do(ctx, "PUT", strings.TrimSuffix(bucket, "/")+"/"+url.PathEscape(name), in, true, &out)
	return out.Checksum, err
}

// publish publishes a draft. Not repeated on a 5xx: the caller reads the
// deposition to learn whether it was published anyway.
func (c *client) publish(ctx context.Context, id int64) error {
	return c.do(ctx, "POST", depositionPath(id)+"/actions/publish", nil, false, nil)
}
