package archive

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// The Internet Archive's endpoints.
const (
	DefaultAvailabilityURL = "https://archive.org/wayback/available"
	DefaultSaveURL         = "https://web.archive.org/save"
)

// ErrSave is wrapped by the errors of a Save Page Now request.
var ErrSave = errors.New("save page now")

// Capture is one capture of a URL in the Wayback Machine.
type Capture struct {
	URL       string // e.g. http://web.archive.org/web/20130919044612/http://example.com/
	Timestamp string // YYYYMMDDhhmmss
}

// Raw is the capture's raw form: the archived bytes as the publisher
// served them, without the Wayback Machine's banner and rewritten links
// (the "id_" flag after the timestamp).
func (c Capture) Raw() string {
	if c.Timestamp == "" {
		return c.URL
	}
	return strings.Replace(c.URL, "/"+c.Timestamp+"/", "/"+c.Timestamp+"id_/", 1)
}

// Wayback is a client of the Wayback Machine's availability API and of
// Save Page Now 2.
type Wayback struct {
	AvailabilityURL string // default DefaultAvailabilityURL
	SaveURL         string // default DefaultSaveURL; status at SaveURL/status/<job_id>
	// AccessKey and Secret are the archive.org S3 keys Save Page Now
	// needs (header "Authorization: LOW key:secret"); from the
	// environment, never from a file of the repository.
	AccessKey, Secret string
	Client            *http.Client
	Clock             Clock         // waits between status polls; default SystemClock
	PollEvery         time.Duration // default 5s
	MaxPolls          int           // default 60
}

// availability is the availability API's answer, as documented at
// https://archive.org/help/wayback_api.php.
type availability struct {
	ArchivedSnapshots struct {
		Closest *struct {
			Available bool   `json:"available"`
			URL       string `json:"url"`
			Timestamp string `json:"timestamp"`
			Status    string `json:"status"`
		} `json:"closest"`
	} `json:"archived_snapshots"`
}

// Available returns the capture of u closest to timestamp (YYYYMMDD, or
// "" for the most recent) whose archived answer was a 200; ok is false
// when there is none.
func (w *Wayback) Available(ctx context.Context, u, timestamp string) (c Capture, ok bool, err error) {
	q := url.Values{"url": {u}}
	if timestamp != "" {
		q.Set("timestamp", timestamp)
	}
	base := w.AvailabilityURL
	if base == "" {
		base = DefaultAvailabilityURL
	}
	var a availability
	if err := w.getJSON(ctx, base+"?"+q.Encode(), &a); err != nil {
		return Capture{}, false, fmt.Errorf("wayback availability of %s: %w", u, err)
	}
	cl := a.ArchivedSnapshots.Closest
	if cl == nil || !cl.Available || cl.URL == "" || cl.Status != "200" || !validTimestamp(cl.Timestamp) {
		return Capture{}, false, nil
	}
	return Capture{URL: cl.URL, Timestamp: cl.Timestamp}, true, nil
}

var timestampRE = regexp.MustCompile(`^[0-9]{14}$`)

func validTimestamp(s string) bool { return timestampRE.MatchString(s) }

// saveStatus is Save Page Now 2's answer to a capture request ({url,
// job_id}) and to a status request ({status: pending|success|error,
// job_id, original_url, timestamp, status_ext, message}).
type saveStatus struct {
	URL         string `json:"url"`
	JobID       string `json:"job_id"`
	Status      string `json:"status"`
	OriginalURL string `json:"original_url"`
	Timestamp   string `json:"timestamp"`
	StatusExt   string `json:"status_ext"`
	Message     string `json:"message"`
}

// Save asks Save Page Now 2 to capture u and polls the job until it
// ends; it returns the capture made.
func (w *Wayback) Save(ctx context.Context, u string) (Capture, error) {
	if w.AccessKey == "" || w.Secret == "" {
		return Capture{}, fmt.Errorf("%w: no archive.org keys (set CUBAEXPORTS_IA_ACCESS_KEY and CUBAEXPORTS_IA_SECRET)", ErrSave)
	}
	base := w.SaveURL
	if base == "" {
		base = DefaultSaveURL
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base, strings.NewReader(url.Values{"url": {u}}.Encode()))
	if err != nil {
		return Capture{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var job saveStatus
	if err := w.do(req, &job); err != nil {
		return Capture{}, fmt.Errorf("%w: %s: %w", ErrSave, u, err)
	}
	if job.JobID == "" {
		return Capture{}, fmt.Errorf("%w: %s: no job_id in the answer (%s)", ErrSave, u, job.Message)
	}
	clock, every, polls := w.Clock, w.PollEvery, w.MaxPolls
	if clock == nil {
		clock = SystemClock{}
	}
	if every <= 0 {
		every = 5 * time.Second
	}
	if polls <= 0 {
		polls = 60
	}
	for range polls {
		select {
		case <-clock.After(every):
		case <-ctx.Done():
			return Capture{}, ctx.Err()
		}
		sreq, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/status/"+url.PathEscape(job.JobID), nil)
		if err != nil {
			return Capture{}, err
		}
		var st saveStatus
		if err := w.do(sreq, &st); err != nil {
			return Capture{}, fmt.Errorf("%w: %s: job %s: %w", ErrSave, u, job.JobID, err)
		}
		switch st.Status {
		case "success":
			if !validTimestamp(st.Timestamp) {
				return Capture{}, fmt.Errorf("%w: %s: job %s: bad timestamp %q", ErrSave, u, job.JobID, st.Timestamp)
			}
			orig := st.OriginalURL
			if orig == "" {
				orig = u
			}
			return Capture{URL: w.webBase() + "/web/" + st.Timestamp + "/" + orig, Timestamp: st.Timestamp}, nil
		case "error":
			return Capture{}, fmt.Errorf("%w: %s: job %s: %s %s", ErrSave, u, job.JobID, st.StatusExt, st.Message)
		}
	}
	return Capture{}, fmt.Errorf("%w: %s: job %s still pending after %d polls", ErrSave, u, job.JobID, polls)
}

// webBase is the Wayback Machine's site: the save URL without /save.
func (w *Wayback) webBase() string {
	base := w.SaveURL
	if base == "" {
		base = DefaultSaveURL
	}
	return strings.TrimSuffix(base, "/save")
}

func (w *Wayback) do(req *http.Request, v any) error {
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "LOW "+w.AccessKey+":"+w.Secret)
	return w.decode(req, v)
}

func (w *Wayback) getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	return w.decode(req, v)
}

func (w *Wayback) decode(req *http.Request, v any) error {
	c := w.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("decoding the answer: %w", err)
	}
	return nil
}

// waybackTimestamp is the date to ask the availability API for: the
// document's publication date (YYYY, YYYY-MM or YYYY-MM-DD; a partial
// date is taken at the end of its period, when the document existed),
// else the day of the run.
func waybackTimestamp(published string, now time.Time) string {
	if t, err := time.Parse("2006-01-02", published); err == nil {
		return t.Format("20060102")
	}
	if t, err := time.Parse("2006-01", published); err == nil {
		return t.AddDate(0, 1, -1).Format("20060102")
	}
	if t, err := time.Parse("2006", published); err == nil {
		return t.AddDate(1, 0, -1).Format("20060102")
	}
	return now.UTC().Format("20060102")
}
