package schemas

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

// ErrNotInVocabulary is wrapped by every error about a value outside its
// vocabulary.
var ErrNotInVocabulary = errors.New("not in vocabulary")

// Term is one allowed value of a vocabulary.
type Term struct {
	Code   string
	Doc    string
	ISCO08 string // ISCO-08 occupation code, for professions that have one
	// Percent marks a measure or concept whose figures are percentages
	// (0-100) with no currency: never converted, never summed as money.
	Percent bool
}

// Vocab is a controlled vocabulary. An external vocabulary (ISO country and
// currency codes) is a standard code list checked by sources/normalize;
// here it only carries its pattern.
type Vocab struct {
	Name     string
	Doc      string
	Terms    []Term
	External string // the standard an external vocabulary follows
	Pattern  string // pattern of an external vocabulary's codes
}

// Has reports whether code is a term of a non-external vocabulary.
func (v *Vocab) Has(code string) bool {
	_, ok := v.Term(code)
	return ok
}

// Term returns the term with the given code.
func (v *Vocab) Term(code string) (Term, bool) {
	for _, t := range v.Terms {
		if t.Code == code {
			return t, true
		}
	}
	return Term{}, false
}

// Codes returns the codes of the vocabulary in declaration order.
func (v *Vocab) Codes() []string {
	cs := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		cs[i] = t.Code
	}
	return cs
}

// Check returns nil when code is allowed, and otherwise an error wrapping
// ErrNotInVocabulary that lists what is allowed.
func (v *Vocab) Check(code string) error {
	if v.External != "" || v.Has(code) {
		return nil
	}
	return fmt.Errorf("%q is %w %s (allowed: %v)", code, ErrNotInVocabulary, v.Name, v.Codes())
}

var vocabs = sync.OnceValue(func() map[string]*Vocab {
	m := map[string]*Vocab{}
	for _, v := range vocabList {
		if _, dup := m[v.Name]; dup {
			panic("schemas: vocabulary " + v.Name + " declared twice")
		}
		seen := map[string]bool{}
		for _, t := range v.Terms {
			if seen[t.Code] || !nameRE.MatchString(t.Code) {
				panic(fmt.Sprintf("schemas: vocabulary %s: bad or duplicate code %q", v.Name, t.Code))
			}
			seen[t.Code] = true
		}
		m[v.Name] = v
	}
	return m
})

// IsPercent reports whether code is a term of vocabulary vocab whose
// figures are percentages (Term.Percent).
func IsPercent(vocab, code string) bool {
	v, ok := VocabByName(vocab)
	if !ok {
		return false
	}
	t, ok := v.Term(code)
	return ok && t.Percent
}

// VocabByName returns the vocabulary called name.
func VocabByName(name string) (*Vocab, bool) {
	v, ok := vocabs()[name]
	return v, ok
}

// Vocabs returns every vocabulary, sorted by name.
func Vocabs() []*Vocab {
	var vs []*Vocab
	for _, v := range vocabs() {
		vs = append(vs, v)
	}
	sort.Slice(vs, func(i, j int) bool { return vs[i].Name < vs[j].Name })
	return vs
}
