// Package zenodotest is a stand-in for Zenodo's deposit REST API, served
// by net/http/httptest, for the tests of the zenodo package and of the
// command: depositions with pre-reserved DOIs, new versions (which copy
// the previous version's files, as Zenodo's do), bucket uploads answering
// with the MD5 checksum, file listings, publishing, a bearer token, and
// faults on demand (an error status with Retry-After, an answer lost
// after the work was done).
package zenodotest

import (
	"crypto/md5" //nolint:gosec // Zenodo's checksums are MD5
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Prefix is the DOI prefix the stand-in mints (the sandbox's).
const Prefix = "10.5072"

// Server is the stand-in. Its API is at URL()+"/api".
type Server struct {
	srv   *httptest.Server
	token string

	mu       sync.Mutex
	nextID   int64
	deps     map[int64]*Deposition
	buckets  map[string]int64 // bucket id -> deposition
	faults   []*fault
	requests []string // "METHOD /path", in order
	// onRequest, when set, is called with "METHOD /path" of every
	// request after it was handled, before its answer is sent.
	onRequest func(req string)
}

// OnRequest has fn called with "METHOD /path" of every request after it
// was handled and before its answer is sent (tests use it as a signal,
// e.g. to cancel a context at a given step); nil removes it.
func (s *Server) OnRequest(fn func(req string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onRequest = fn
}

// Deposition is a deposition the stand-in holds.
type Deposition struct {
	ID, ConceptRecID int64
	Metadata         map[string]any
	Files            []File
	Submitted        bool
	Bucket           string
}

// File is a file of a deposition.
type File struct {
	ID, Name string
	Data     []byte
}

// New starts a stand-in accepting token.
func New(token string) *Server {
	s := &Server{token: token, nextID: 100, deps: map[int64]*Deposition{}, buckets: map[string]int64{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/deposit/depositions", s.create)
	mux.HandleFunc("GET /api/deposit/depositions", s.list)
	mux.HandleFunc("GET /api/deposit/depositions/{id}", s.get)
	mux.HandleFunc("PUT /api/deposit/depositions/{id}", s.update)
	mux.HandleFunc("POST /api/deposit/depositions/{id}/actions/newversion", s.newVersion)
	mux.HandleFunc("POST /api/deposit/depositions/{id}/actions/publish", s.publish)
	mux.HandleFunc("GET /api/deposit/depositions/{id}/files", s.files)
	mux.HandleFunc("DELETE /api/deposit/depositions/{id}/files/{fid}", s.deleteFile)
	mux.HandleFunc("PUT /api/files/{bucket}/{name}", s.upload)
	s.srv = httptest.NewServer(s.serve(mux))
	return s
}

// URL is the stand-in's base URL; the API is at URL()+"/api".
func (s *Server) URL() string { return s.srv.URL }

// Close stops the stand-in.
func (s *Server) Close() { s.srv.Close() }

// fault makes requests matching "METHOD /path-prefix" fail.
type fault struct {
	match      string
	status     int    // answered instead of the real answer; 0: lose the answer
	retryAfter string // the Retry-After header sent with status
	times      int    // how many requests it hits; then it is spent
}

// Fail answers the next times requests matching match ("METHOD
// /api/path-prefix") with status and, when not "", Retry-After.
func (s *Server) Fail(match string, status int, retryAfter string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &fault{match: match, status: status, retryAfter: retryAfter, times: times})
}

// LoseAnswer makes the next request matching match do its work and then
// close the connection without answering, as a crash or a network cut
// after the server acted would.
func (s *Server) LoseAnswer(match string) { s.Fail(match, 0, "", 1) }

// Requests returns "METHOD /path" of every request so far.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// Count is how many requests so far start with prefix ("POST /api/...").
func (s *Server) Count(prefix string) int {
	n := 0
	for _, r := range s.Requests() {
		if strings.HasPrefix(r, prefix) {
			n++
		}
	}
	return n
}

// Depositions returns a copy of every deposition, by id.
func (s *Server) Depositions() []Deposition {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Deposition
	for _, d := range s.deps {
		c := *d
		c.Files = append([]File(nil), d.Files...)
		out = append(out, c)
	}
	sort.Slice(out, func(i, k int) bool { return out[i].ID < out[k].ID })
	return out
}

// Tamper replaces the bytes of a file of a deposition, published or not.
func (s *Server) Tamper(id int64, name string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.deps[id].Files {
		if f.Name == name {
			s.deps[id].Files[i].Data = data
		}
	}
}

// serve checks the token, applies faults and records requests.
func (s *Server) serve(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := r.Method + " " + r.URL.Path
		if r.Header.Get("Authorization") != "Bearer "+s.token {
			writeJSON(w, http.StatusUnauthorized, map[string]any{"status": 401, "message": "The server could not verify that you are authorized to access the URL requested."})
			return
		}
		s.mu.Lock()
		s.requests = append(s.requests, req)
		var f *fault
		for _, x := range s.faults {
			if x.times > 0 && strings.HasPrefix(req, x.match) {
				x.times--
				f = x
				break
			}
		}
		hook := s.onRequest
		s.mu.Unlock()
		// The answer is held in rec until the hook has run, so a test
		// that acts in the hook (cancels a context) acts before the
		// client can see any answer.
		rec := httptest.NewRecorder()
		switch {
		case f == nil || f.status == 0:
			next.ServeHTTP(rec, r)
		default:
			io.Copy(io.Discard, r.Body)
			if f.retryAfter != "" {
				rec.Header().Set("Retry-After", f.retryAfter)
			}
			writeJSON(rec, f.status, map[string]any{"status": f.status, "message": "injected fault"})
		}
		if hook != nil {
			hook(req)
		}
		if f != nil && f.status == 0 {
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"status": status, "message": msg})
}

// view is a deposition as the API shows it.
func (s *Server) view(d *Deposition) map[string]any {
	api := s.srv.URL + "/api"
	v := map[string]any{"id": d.ID, "conceptrecid": strconv.FormatInt(d.ConceptRecID, 10), "metadata": d.Metadata,
		"submitted": d.Submitted, "state": "unsubmitted",
		"links": map[string]any{"self": fmt.Sprintf("%s/deposit/depositions/%d", api, d.ID),
			"bucket": api + "/files/" + d.Bucket}}
	if d.Submitted {
		v["state"], v["doi"] = "done", doi(d.ID)
		v["conceptdoi"] = doi(d.ConceptRecID)
	}
	return v
}

func doi(id int64) string { return fmt.Sprintf("%s/zenodo.%d", Prefix, id) }

// deposition finds the deposition of the request's {id}, or answers 404.
func (s *Server) deposition(w http.ResponseWriter, r *http.Request) *Deposition {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	d := s.deps[id]
	if d == nil {
		fail(w, http.StatusNotFound, "PID does not exist.")
	}
	return d
}

// decodeMetadata reads {"metadata": {...}}.
func decodeMetadata(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var in struct {
		Metadata map[string]any `json:"metadata"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		fail(w, http.StatusBadRequest, "Validation error: "+err.Error())
		return nil, false
	}
	if in.Metadata == nil {
		in.Metadata = map[string]any{}
	}
	return in.Metadata, true
}

// setMetadata replaces d's metadata with m, keeping a reserved DOI and
// reserving one when m asks for it.
func (s *Server) setMetadata(d *Deposition, m map[string]any) {
	reserved := d.Metadata["prereserve_doi"]
	if _, ok := reserved.(map[string]any); ok {
		m["prereserve_doi"] = reserved
	} else if ask, _ := m["prereserve_doi"].(bool); ask {
		m["prereserve_doi"] = map[string]any{"doi": doi(d.ID), "recid": d.ID}
	} else {
		delete(m, "prereserve_doi")
	}
	d.Metadata = m
}

func (s *Server) newDeposition(concept int64) *Deposition {
	s.nextID++
	d := &Deposition{ID: s.nextID, ConceptRecID: concept, Metadata: map[string]any{}, Bucket: fmt.Sprintf("bucket-%d", s.nextID)}
	if concept == 0 {
		d.ConceptRecID = s.nextID
		s.nextID++
		d.ID = s.nextID
		d.Bucket = fmt.Sprintf("bucket-%d", d.ID)
	}
	s.deps[d.ID], s.buckets[d.Bucket] = d, d.ID
	return d
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	m, ok := decodeMetadata(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.newDeposition(0)
	s.setMetadata(d, m)
	writeJSON(w, http.StatusCreated, s.view(d))
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	drafts := r.URL.Query().Get("status") == "draft"
	ids := make([]int64, 0, len(s.deps))
	for id := range s.deps {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, k int) bool { return ids[i] < ids[k] })
	out := []map[string]any{}
	for _, id := range ids {
		if d := s.deps[id]; !drafts || !d.Submitted {
			out = append(out, s.view(d))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.deposition(w, r); d != nil {
		writeJSON(w, http.StatusOK, s.view(d))
	}
}

func (s *Server) update(w http.ResponseWriter, r *http.Request) {
	m, ok := decodeMetadata(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.deposition(w, r)
	switch {
	case d == nil:
	case d.Submitted:
		fail(w, http.StatusBadRequest, "Deposition is published: edit it first.")
	default:
		s.setMetadata(d, m)
		writeJSON(w, http.StatusOK, s.view(d))
	}
}

// newVersion makes a draft of a new version of a published deposition,
// copying the latest version's metadata (without its DOI) and files; when
// a draft of the concept exists, it answers with that one.
func (s *Server) newVersion(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.deposition(w, r)
	if d == nil {
		return
	}
	if !d.Submitted {
		fail(w, http.StatusBadRequest, "Only a published deposition can have a new version.")
		return
	}
	var draft, latest *Deposition
	for _, x := range s.deps {
		if x.ConceptRecID != d.ConceptRecID {
			continue
		}
		if !x.Submitted {
			draft = x
		} else if latest == nil || x.ID > latest.ID {
			latest = x
		}
	}
	if draft == nil {
		draft = s.newDeposition(d.ConceptRecID)
		m := map[string]any{}
		for k, v := range latest.Metadata {
			if k != "prereserve_doi" {
				m[k] = v
			}
		}
		draft.Metadata = m
		for _, f := range latest.Files {
			f.ID = fmt.Sprintf("file-%d-%s", draft.ID, f.Name)
			draft.Files = append(draft.Files, f)
		}
	}
	v := s.view(d)
	v["links"].(map[string]any)["latest_draft"] = fmt.Sprintf("%s/api/deposit/depositions/%d", s.srv.URL, draft.ID)
	writeJSON(w, http.StatusCreated, v)
}

func (s *Server) publish(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.deposition(w, r)
	switch {
	case d == nil:
		return
	case d.Submitted:
		fail(w, http.StatusBadRequest, "Deposition is already published.")
		return
	case len(d.Files) == 0:
		fail(w, http.StatusBadRequest, "Minimum one file must be provided.")
		return
	}
	for _, k := range []string{"title", "upload_type", "creators", "description", "publication_date"} {
		if v, ok := d.Metadata[k]; !ok || v == "" {
			fail(w, http.StatusBadRequest, "Validation error: missing "+k)
			return
		}
	}
	d.Submitted = true
	writeJSON(w, http.StatusAccepted, s.view(d))
}

func fileView(f File) map[string]any {
	sum := md5.Sum(f.Data) //nolint:gosec // see the import
	return map[string]any{"id": f.ID, "filename": f.Name, "filesize": len(f.Data), "checksum": hex.EncodeToString(sum[:])}
}

func (s *Server) files(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.deposition(w, r); d != nil {
		out := []map[string]any{}
		for _, f := range d.Files {
			out = append(out, fileView(f))
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) deleteFile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.deposition(w, r)
	if d == nil {
		return
	}
	if d.Submitted {
		fail(w, http.StatusForbidden, "Published depositions' files cannot be changed.")
		return
	}
	for i, f := range d.Files {
		if f.ID == r.PathValue("fid") {
			d.Files = append(d.Files[:i], d.Files[i+1:]...)
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	fail(w, http.StatusNotFound, "File does not exist.")
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.buckets[r.PathValue("bucket")]
	if !ok {
		fail(w, http.StatusNotFound, "Bucket does not exist.")
		return
	}
	d := s.deps[id]
	if d.Submitted {
		fail(w, http.StatusForbidden, "Bucket is locked.")
		return
	}
	name := r.PathValue("name")
	f := File{ID: fmt.Sprintf("file-%d-%s", d.ID, name), Name: name, Data: data}
	replaced := false
	for i := range d.Files {
		if d.Files[i].Name == name {
			d.Files[i], replaced = f, true
		}
	}
	if !replaced {
		d.Files = append(d.Files, f)
	}
	sum := md5.Sum(data) //nolint:gosec // see the import
	writeJSON(w, http.StatusCreated, map[string]any{"key": name, "size": len(data), "checksum": "md5:" + hex.EncodeToString(sum[:])})
}
