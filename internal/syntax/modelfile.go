package syntax

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// The model file is gzip-compressed binary: a magic line, then sections in a fixed
// order, each a sequence of uvarint-prefixed strings and numbers. Maps are written in
// sorted order, so the same model always gives the same bytes.

const modelMagic = "dyad-syntax-model 1\n"

type encoder struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func (e *encoder) uint(v uint64) {
	e.buf = binary.AppendUvarint(e.buf[:0], v)
	if _, err := e.w.Write(e.buf); err != nil && e.err == nil {
		e.err = err
	}
}

func (e *encoder) int(v int64) { e.uint(uint64(v<<1) ^ uint64(v>>63)) }

func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	if _, err := e.w.WriteString(s); err != nil && e.err == nil {
		e.err = err
	}
}

func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) stringMap(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(m[k])
	}
}

func (e *encoder) rows(nclass int, rows []featureRow) {
	e.uint(uint64(nclass))
	e.uint(uint64(len(rows)))
	var last uint64
	for _, r := range rows {
		e.uint(r.key - last) // rows are sorted by key
		last = r.key
		e.uint(uint64(len(r.cls)))
		for j := range r.cls {
			e.uint(uint64(r.cls[j]))
			e.int(int64(r.vals[j]))
		}
	}
}

// modelData is the model in the form it is saved: weights as rows.
type modelData struct {
	xpos, upos []string
	tagRows    []featureRow
	tagClasses int
	lem        *lemmatizer
	feats      map[featKey]string
	tagFeats   []string
	labels     []string
	parseRows  []featureRow
}

func (d *modelData) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	e := &encoder{w: bw}
	bw.WriteString(modelMagic)
	e.strs(d.xpos)
	e.strs(d.upos)
	e.rows(d.tagClasses, d.tagRows)
	e.stringMap(d.lem.exact)
	e.stringMap(d.lem.lower)
	rk := make([]string, 0, len(d.lem.rules))
	for k := range d.lem.rules {
		rk = append(rk, k)
	}
	slices.Sort(rk)
	e.uint(uint64(len(rk)))
	for _, k := range rk {
		e.str(k)
		e.uint(uint64(d.lem.rules[k].Strip))
		e.str(d.lem.rules[k].Add)
	}
	fk := make([]featKey, 0, len(d.feats))
	for k := range d.feats {
		fk = append(fk, k)
	}
	slices.SortFunc(fk, func(a, b featKey) int {
		if c := strings.Compare(a.word, b.word); c != 0 {
			return c
		}
		return a.tag - b.tag
	})
	e.uint(uint64(len(fk)))
	for _, k := range fk {
		e.str(k.word)
		e.uint(uint64(k.tag))
		e.str(d.feats[k])
	}
	e.strs(d.tagFeats)
	e.strs(d.labels)
	e.rows(1+2*len(d.labels), d.parseRows)
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

type decoder struct {
	r   *bufio.Reader
	err error
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.err = err
	}
	return v
}

func (d *decoder) int() int64 {
	u := d.uint()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a length and rejects absurd ones, so that a corrupt file cannot make us
// allocate gigabytes.
func (d *decoder) count() int {
	v := d.uint()
	if v > 1<<28 {
		if d.err == nil {
			d.err = fmt.Errorf("implausible count %d", v)
		}
		return 0
	}
	return int(v)
}

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil || n == 0 {
		return ""
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		d.err = err
		return ""
	}
	return string(b)
}

func (d *decoder) strs() []string {
	n := d.count()
	out := make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str())
	}
	return out
}

func (d *decoder) stringMap() map[string]string {
	n := d.count()
	m := make(map[string]string, n)
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *decoder) weights() *weights {
	nclass := d.count()
	n := d.count()
	if nclass == 0 || nclass >= lastEntry {
		if d.err == nil {
			d.err = fmt.Errorf("bad class count %d", nclass)
		}
		return nil
	}
	rows := make([]featureRow, 0, n)
	var key uint64
	for i := 0; i < n && d.err == nil; i++ {
		key += d.uint()
		k := d.count()
		r := featureRow{key: key, cls: make([]uint8, k), vals: make([]int16, k)}
		for j := 0; j < k; j++ {
			c := d.uint()
			if c >= uint64(nclass) && d.err == nil {
				d.err = fmt.Errorf("class %d out of range", c)
			}
			r.cls[j] = uint8(c)
			r.vals[j] = int16(d.int())
		}
		rows = append(rows, r)
	}
	if d.err != nil {
		return nil
	}
	return buildWeights(nclass, rows)
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("model: not a dyad syntax model (bad magic line)")
	}
	d := &decoder{r: br}
	m := &Model{}
	m.xpos = d.strs()
	m.upos = d.strs()
	m.tagger = d.weights()
	m.lem = &lemmatizer{exact: d.stringMap(), lower: d.stringMap(), rules: map[string]lemmaRule{}}
	nr := d.count()
	for i := 0; i < nr && d.err == nil; i++ {
		k := d.str()
		strip := d.count()
		m.lem.rules[k] = lemmaRule{Strip: strip, Add: d.str()}
	}
	nf := d.count()
	m.feats = make(map[featKey]string, nf)
	for i := 0; i < nf && d.err == nil; i++ {
		w := d.str()
		t := d.count()
		m.feats[featKey{w, t}] = d.str()
	}
	m.tagFeats = d.strs()
	m.labels = d.strs()
	m.parser = d.weights()
	if d.err != nil {
		return nil, fmt.Errorf("model: %w", d.err)
	}
	// Check the sections agree, so that Parse cannot index out of range.
	nt := len(m.xpos)
	switch {
	case nt == 0 || len(m.upos) != nt || len(m.tagFeats) != nt || m.tagger.nclass != nt:
		return nil, errors.New("model: tag sections disagree")
	case len(m.labels) == 0 || m.parser.nclass != 1+2*len(m.labels):
		return nil, errors.New("model: label sections disagree")
	}
	m.rootLabel = slices.Index(m.labels, "root")
	if m.rootLabel < 0 {
		return nil, errors.New("model: no root label")
	}
	return m, nil
}
