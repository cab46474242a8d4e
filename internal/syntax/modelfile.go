package syntax

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// The model file is binary compressed as one Zstandard frame (gzip before session
// 20): a magic line, then sections in a fixed order, each a sequence of
// uvarint-prefixed strings and numbers. Maps are written in sorted order, so the same
// model always gives the same bytes.

const modelMagic = "dyad-syntax-model 10\n"

// Version 10 has version 9's layout, and every model is written in it. Its feature
// keys keep only the bits the weight tables read (see packKey), which makes the file
// about a quarter smaller; versions 4 to 9 kept whole 64-bit keys and are still read.
// Those versions were written for the models that fitted them, so that a model kept
// its bytes when later versions added sections it did not use.
const modelMagicV9 = "dyad-syntax-model 9\n"

// parserReadsSuperDoubts is bit 0 of a version 9 or 10 model's parser options: the
// parser reads the supertagger's doubts (TrainOptions.SuperDoubt).
const parserReadsSuperDoubts = 1

// modelMagicV8 is the format before the parser's options (the supertagger's
// doubts).
const modelMagicV8 = "dyad-syntax-model 8\n"

// modelMagicV7 is the format before the BiLSTM tagger's section.
const modelMagicV7 = "dyad-syntax-model 7\n"

// modelMagicV6 is the format before the BiLSTM supertagger's section.
const modelMagicV6 = "dyad-syntax-model 6\n"

// modelMagicV5 is the format before the beam width: it holds a right-to-left tagger
// and parses greedily.
const modelMagicV5 = "dyad-syntax-model 5\n"

// modelMagicV4 is the format before the right-to-left tagger's section.
const modelMagicV4 = "dyad-syntax-model 4\n"

// modelMagicV2 and modelMagicV3 are the formats before the supertagger section and
// before the news-tag section. Their weights belong to feature templates this parser
// no longer computes the same way, so they are refused.
const (
	modelMagicV2 = "dyad-syntax-model 2\n"
	modelMagicV3 = "dyad-syntax-model 3\n"
)

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

func sortedWordTags[V any](m map[wordTag]V) []wordTag {
	keys := make([]wordTag, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b wordTag) int {
		if c := strings.Compare(a.word, b.word); c != 0 {
			return c
		}
		return strings.Compare(a.xpos, b.xpos)
	})
	return keys
}

func (e *encoder) wordTagMap(m map[wordTag]string) {
	keys := sortedWordTags(m)
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k.word)
		e.str(k.xpos)
		e.str(m[k])
	}
}

// rows writes a classifier's rows, in the order of their packed keys (see
// packKey), each key as the difference from the one before.
func (e *encoder) rows(nclass int, rows []featureRow) {
	e.uint(uint64(nclass))
	e.uint(uint64(len(rows)))
	slotBits, fpShift := keyBits(nclass, len(rows))
	keys := make([]uint64, len(rows))
	order := make([]int, len(rows))
	for i, r := range rows {
		keys[i], order[i] = packKey(r.key, slotBits, fpShift), i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	var last uint64
	for _, i := range order {
		r := rows[i]
		e.uint(keys[i] - last)
		last = keys[i]
		e.uint(uint64(len(r.cls)))
		for j := range r.cls {
			e.uint(uint64(r.cls[j]))
			e.int(int64(r.vals[j]))
		}
	}
}

// A weight table reads two parts of a feature's key: its low bits, the home slot
// (as many as tableSize has; the home bucket is the lowest of them but three), and
// its high bits, the fingerprint (fingerprint, smallFingerprint; their lowest bit is
// always set, so the key's is not read). packKey packs those two
// parts into one number, the fingerprint's bits above the slot's, and unpackKey
// makes it a key with the original's home slot and fingerprint (its other bits 0).
// Sorted, the packed keys of n rows are about 2^(fingerprint+slot bits)/n apart: two
// to three bytes as uvarints where whole keys took seven. keyBits gives the two
// numbers of bits for a table of nrows rows.
func packKey(key uint64, slotBits, fpShift uint) uint64 {
	return key>>fpShift<<slotBits | key&(1<<slotBits-1)
}

func unpackKey(packed uint64, slotBits, fpShift uint) uint64 {
	return packed>>slotBits<<fpShift | packed&(1<<slotBits-1)
}

func keyBits(nclass, nrows int) (slotBits, fpShift uint) {
	slotBits = uint(bits.TrailingZeros64(uint64(tableSize(nrows))))
	if nclass <= smallClasses {
		return slotBits, 49 // smallFingerprint reads bits 48-63, 48 always set
	}
	return slotBits, 33 // fingerprint reads bits 32-63, 32 always set
}

// modelData is the model in the form it is saved: weights as rows.
type modelData struct {
	xpos, upos []string
	tagRows    []featureRow
	tagClasses int
	tagDict    map[string]int
	ambig      map[string]uint64
	clusters   map[string]WordClass
	lem        *lemmatizer
	feats      map[featKey]string
	tagFeats   []string
	labels     []string
	parseRows  []featureRow
	labelRows  []featureRow
	// Class counts as read from a file (Train sets them from the data).
	parseClasses, labelClasses int
	superRows                  []featureRow // none in a version 2 file
	superClasses               int
	newsTags                   map[string]uint32 // see newsTags
	retagRows                  []featureRow      // the second tagging pass, none if trained without
	retagBelow                 int32             // see Model.retagBelow
	punctRows                  []featureRow      // the punctuation re-attacher, none if trained without
	rtagRows                   []featureRow      // the right-to-left tagger, none if trained without
	beam                       int               // the parser's beam width; below 2 greedy
	lstm                       *bilstm           // the BiLSTM supertagger (see lstmsuper.go), nil if trained without
	lstmWords                  []string          // its word table's rows 1..
	lstmTag                    *bilstm           // the BiLSTM tagger (see lstmtag.go), nil if trained without
	lstmTagWords               []string          // its word table's rows 1..
	superDoubt                 bool              // the parser reads the supertagger's doubts (version 9)
}

func (d *modelData) write(w io.Writer) error {
	var raw bytes.Buffer
	bw := bufio.NewWriter(&raw)
	e := &encoder{w: bw}
	bw.WriteString(modelMagic)
	e.strs(d.xpos)
	e.strs(d.upos)
	e.rows(d.tagClasses, d.tagRows)
	writeStringMap(e, d.tagDict, func(v int) uint64 { return uint64(v) })
	writeStringMap(e, d.ambig, func(v uint64) uint64 { return v })
	e.wordTagMap(d.lem.exact)
	e.wordTagMap(d.lem.lower)
	rk := sortedWordTags(d.lem.rules)
	e.uint(uint64(len(rk)))
	for _, k := range rk {
		e.str(k.word)
		e.str(k.xpos)
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
	e.rows(nTransitions, d.parseRows)
	e.rows(len(d.labels), d.labelRows)
	writeStringMap(e, d.clusters, func(v WordClass) uint64 { return uint64(v.Cluster) })
	e.uint(uint64(d.superClasses))
	if d.superClasses > 0 {
		e.rows(d.superClasses, d.superRows)
	}
	writeStringMap(e, d.newsTags, func(v uint32) uint64 { return uint64(v) })
	if len(d.retagRows) > 0 {
		e.uint(uint64(d.tagClasses))
		e.rows(d.tagClasses, d.retagRows)
		e.uint(uint64(d.retagBelow))
	} else {
		e.uint(0)
	}
	if len(d.punctRows) > 0 {
		e.uint(1)
		e.rows(1, d.punctRows)
	} else {
		e.uint(0)
	}
	// The right-to-left tagger's section is marked, and the beam width follows (below
	// 2 for greedy), then the BiLSTM supertagger and tagger, each marked, and the
	// parser's options.
	if len(d.rtagRows) > 0 {
		e.uint(1)
		e.rows(d.tagClasses, d.rtagRows)
	} else {
		e.uint(0)
	}
	e.uint(uint64(d.beam))
	for _, n := range []struct {
		words []string
		net   *bilstm
	}{{d.lstmWords, d.lstm}, {d.lstmTagWords, d.lstmTag}} {
		if n.net == nil {
			e.uint(0)
			continue
		}
		e.uint(1)
		e.lstm(n.words, n.net, true)
	}
	var opts uint64
	if d.superDoubt {
		opts |= parserReadsSuperDoubts
	}
	e.uint(opts)
	if e.err != nil {
		return e.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	// Compressed as one Zstandard frame, which records its size: inflating takes a
	// quarter of gzip's time (a third of loading, with gzip) and the file is an
	// eighth smaller. One goroutine, so that the same model gives the same bytes.
	zw, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	_, err = w.Write(zw.EncodeAll(raw.Bytes(), nil))
	return err
}

// readStringMap reads a map written by writeStringMap, each number made a value by
// conv; conv's error, the first one, is the decoder's.
func readStringMap[V any](d *decoder, conv func(k string, v uint64) (V, error)) map[string]V {
	n := d.count()
	m := make(map[string]V, d.sizeHint(n))
	for i := 0; i < n && d.err == nil; i++ {
		k := d.str()
		v, err := conv(k, d.uint())
		if err != nil && d.err == nil {
			d.err = err
		}
		m[k] = v
	}
	return m
}

// writeStringMap writes a map from words to numbers: its size, then each key and value
// in key order, so that the same map always gives the same bytes.
func writeStringMap[V any](e *encoder, m map[string]V, num func(V) uint64) {
	keys := slices.Sorted(maps.Keys(m))
	e.uint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.uint(num(m[k]))
	}
}

// decoder reads the decompressed model from memory: decoding varints from a byte
// slice is several times faster than through a reader.
type decoder struct {
	buf     []byte
	err     error
	compact bool // keys are packed (version 10, see packKey)
}

// have reports whether k bytes are left to read.
func (d *decoder) have(k int) bool { return len(d.buf) >= k }

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.err = errors.New("truncated or corrupt number")
		return 0
	}
	d.buf = d.buf[n:]
	return v
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

// sizeHint is n as the room to make for n items, bounded by the bytes left (each
// item takes at least one), so that a damaged count cannot make us allocate more
// than the file could hold; reading then stops at the end of the data.
func (d *decoder) sizeHint(n int) int { return min(n, len(d.buf)) }

func (d *decoder) str() string {
	n := d.count()
	if d.err != nil || n == 0 {
		return ""
	}
	if !d.have(n) {
		d.err = errors.New("truncated string")
		return ""
	}
	s := string(d.buf[:n])
	d.buf = d.buf[n:]
	return s
}

func (d *decoder) strs() []string {
	n := d.count()
	out := make([]string, 0, d.sizeHint(n))
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str())
	}
	return out
}

func (d *decoder) wordTagMap() map[wordTag]string {
	n := d.count()
	m := make(map[wordTag]string, d.sizeHint(n))
	for i := 0; i < n && d.err == nil; i++ {
		w := d.str()
		x := d.str()
		m[wordTag{w, x}] = d.str()
	}
	return m
}

func (d *decoder) rows() (int, []featureRow) {
	nclass := d.count()
	n := d.count()
	if nclass == 0 || nclass >= lastEntry {
		if d.err == nil {
			d.err = fmt.Errorf("bad class count %d", nclass)
		}
		return 0, nil
	}
	// All rows share two arrays, so that a model of millions of features costs a
	// handful of allocations.
	rows := make([]featureRow, 0, d.sizeHint(n))
	cls := make([]uint8, 0, d.sizeHint(n*2))
	vals := make([]int16, 0, d.sizeHint(n*2))
	slotBits, fpShift := keyBits(nclass, n)
	return nclass, d.rowEntries(n, nclass, slotBits, fpShift, rows, cls, vals)
}

// rowEntries reads rows' n rows. It goes over the model's millions of numbers with
// a varint reader of its own, which reads one-byte numbers inline and checks for an
// error once per row: calling uint for each took a tenth of loading.
func (d *decoder) rowEntries(n, nclass int, slotBits, fpShift uint, rows []featureRow, cls []uint8, vals []int16) []featureRow {
	buf := d.buf
	next := func() uint64 {
		if len(buf) > 0 && buf[0] < 0x80 { // most numbers take one byte
			v := uint64(buf[0])
			buf = buf[1:]
			return v
		}
		v, k := binary.Uvarint(buf)
		if k <= 0 {
			if d.err == nil {
				d.err = errors.New("truncated or corrupt number")
			}
			buf = nil
			return 0
		}
		buf = buf[k:]
		return v
	}
	var key uint64
	for i := 0; i < n && d.err == nil; i++ {
		key += next()
		full := key
		if d.compact {
			full = unpackKey(key, slotBits, fpShift)
		}
		k := next()
		if k > uint64(len(buf))/2 { // each entry takes two bytes at least
			if d.err == nil {
				d.err = fmt.Errorf("implausible count %d", k)
			}
			break
		}
		start := len(cls)
		for j := uint64(0); j < k && d.err == nil; j++ {
			c := next()
			if c >= uint64(nclass) && d.err == nil {
				d.err = fmt.Errorf("class %d out of range", c)
			}
			u := next()
			cls = append(cls, uint8(c))
			vals = append(vals, int16(int64(u>>1)^-int64(u&1)))
		}
		rows = append(rows, featureRow{key: full})
		rows[len(rows)-1].cls = cls[start:len(cls):len(cls)]
		rows[len(rows)-1].vals = vals[start:len(vals):len(vals)]
	}
	d.buf = buf
	return rows
}

// Load reads a model file written by Train.
func Load(r io.Reader) (*Model, error) {
	d, err := readModelData(r)
	if err != nil {
		return nil, err
	}
	m := &Model{
		xpos: d.xpos, upos: d.upos, tagDict: d.tagDict, lem: d.lem, feats: d.feats,
		tagFeats: d.tagFeats, labels: d.labels,
	}
	// The tables and the lexicon are built side by side: on a machine with cores to
	// spare, start-up waits for the largest (the parser's) instead of their sum.
	var wg sync.WaitGroup
	build := func(w **weights, nclass int, rows []featureRow, present bool) {
		if present {
			wg.Go(func() { *w = buildWeights(nclass, rows) })
		}
	}
	build(&m.parser, d.parseClasses, d.parseRows, true)
	build(&m.tagger, d.tagClasses, d.tagRows, true)
	build(&m.labeler, d.labelClasses, d.labelRows, true)
	build(&m.super, d.superClasses, d.superRows, d.superClasses > 0)
	build(&m.retagger, d.tagClasses, d.retagRows, len(d.retagRows) > 0)
	build(&m.punct, 1, d.punctRows, len(d.punctRows) > 0)
	build(&m.rtagger, d.tagClasses, d.rtagRows, len(d.rtagRows) > 0)
	if len(d.retagRows) > 0 {
		m.retagBelow = d.retagBelow
	}
	wg.Go(func() { m.lex = newLex(d.ambig, d.clusters, d.newsTags) })
	wg.Wait()
	m.lem.known = knownIn(m.lex)
	if m.beam = d.beam; m.beam > 1 {
		m.beamMargin = beamMargin
	}
	if d.lstm != nil {
		m.lstmSuper = newLSTMNet(d.lstmWords, d.lstm)
	}
	m.superDoubt = d.superDoubt
	if d.lstmTag != nil {
		m.lstmTagger = newLSTMNet(d.lstmTagWords, d.lstmTag)
	}
	if d.superClasses > 0 && d.superClasses != 2*len(m.labels) {
		return nil, errors.New("model: supertag section disagrees with the labels")
	}
	// Check the sections agree, so that Parse cannot index out of range.
	nt := len(m.xpos)
	switch {
	case nt == 0 || len(m.upos) != nt || len(m.tagFeats) != nt || m.tagger.nclass != nt:
		return nil, errors.New("model: tag sections disagree")
	case len(m.labels) == 0 || m.parser.nclass != nTransitions || m.labeler.nclass != len(m.labels):
		return nil, errors.New("model: label sections disagree")
	}
	for w, c := range m.tagDict {
		if c < 0 || c >= nt {
			return nil, fmt.Errorf("model: tag dictionary class %d of %q out of range", c, w)
		}
	}
	m.relFacts = newLabelFacts(m.upos, m.labels)
	m.rootLabel = slices.Index(m.labels, "root")
	if m.rootLabel < 0 {
		return nil, errors.New("model: no root label")
	}
	return m, nil
}

// zstdMagic starts a Zstandard frame; model files older than session 20 are gzip.
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

func readModelData(r io.Reader) (*modelData, error) {
	if br, ok := r.(*bytes.Reader); ok {
		var head [4]byte
		if n, _ := br.ReadAt(head[:], br.Size()-int64(br.Len())); n == 4 && bytes.Equal(head[:], zstdMagic) {
			return readZstdModelData(br)
		}
	} else {
		br := bufio.NewReader(r)
		if head, _ := br.Peek(len(zstdMagic)); bytes.Equal(head, zstdMagic) {
			return readZstdModelData(br)
		}
		r = br
	}
	// A gzip file ends with its uncompressed size (mod 2^32): with it the buffer is
	// allocated once instead of grown and copied a dozen times.
	var sizeHint int
	if br, ok := r.(*bytes.Reader); ok && br.Size() >= 4 {
		var tail [4]byte
		if _, err := br.ReadAt(tail[:], br.Size()-4); err == nil {
			sizeHint = min(int(binary.LittleEndian.Uint32(tail[:])), maxModelSize)
		}
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(sizeHint)
	// Reading to the end checks the trailer's checksum and size.
	if _, err := buf.ReadFrom(io.LimitReader(zr, maxModelSize+1)); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if buf.Len() > maxModelSize {
		return nil, fmt.Errorf("model: inflates to more than %d bytes", maxModelSize)
	}
	return (&decoder{buf: buf.Bytes()}).modelData()
}

// maxModelSize bounds what a model file may inflate to, so that a corrupt or hostile
// file cannot make us allocate gigabytes (the models are tens of megabytes).
const maxModelSize = 1 << 30

func readZstdModelData(r io.Reader) (*modelData, error) {
	zr, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxModelSize))
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	defer zr.Close()
	var src []byte
	if br, ok := r.(*bytes.Reader); ok { // read in one piece, not grown a dozen times
		src = make([]byte, br.Len())
		_, err = io.ReadFull(br, src)
	} else {
		src, err = io.ReadAll(r)
	}
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	raw, err := zr.DecodeAll(src, nil)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	return (&decoder{buf: raw}).modelData()
}

// modelData decodes a model file, starting with its magic line.
func (d *decoder) modelData() (*modelData, error) {
	magic, _, ok := bytes.Cut(d.buf, []byte("\n"))
	if ok {
		d.buf = d.buf[len(magic)+1:]
	}
	if m := string(magic) + "\n"; m == modelMagicV2 || m == modelMagicV3 {
		return nil, fmt.Errorf("model: a version %s syntax model, trained with features this parser no longer computes; retrain it with 'dyad train syntax'", m[len(m)-2:len(m)-1])
	}
	version := 0
	switch string(magic) + "\n" {
	case modelMagicV4:
		version = 4
	case modelMagicV5:
		version = 5
	case modelMagicV6:
		version = 6
	case modelMagicV7:
		version = 7
	case modelMagicV8:
		version = 8
	case modelMagicV9:
		version = 9
	case modelMagic:
		version = 10
	}
	if !ok || version == 0 {
		return nil, errors.New("model: not a dyad syntax model (bad magic line)")
	}
	d.compact = version >= 10
	m := &modelData{}
	m.xpos = d.strs()
	m.upos = d.strs()
	m.tagClasses, m.tagRows = d.rows()
	m.tagDict = readStringMap(d, func(_ string, v uint64) (int, error) { return int(min(v, 1<<28)), nil })
	m.ambig = readStringMap(d, func(_ string, v uint64) (uint64, error) { return v, nil })
	m.lem = &lemmatizer{exact: d.wordTagMap(), lower: d.wordTagMap(), rules: map[wordTag]lemmaRule{}}
	nr := d.count()
	for i := 0; i < nr && d.err == nil; i++ {
		w := d.str()
		x := d.str()
		strip := d.count()
		m.lem.rules[wordTag{w, x}] = lemmaRule{Strip: strip, Add: d.str()}
	}
	nf := d.count()
	m.feats = make(map[featKey]string, d.sizeHint(nf))
	for i := 0; i < nf && d.err == nil; i++ {
		w := d.str()
		t := d.count()
		m.feats[featKey{w, t}] = d.str()
	}
	m.tagFeats = d.strs()
	m.labels = d.strs()
	m.parseClasses, m.parseRows = d.rows()
	m.labelClasses, m.labelRows = d.rows()
	m.clusters = readStringMap(d, func(k string, c uint64) (WordClass, error) {
		if c >= clusterLeaves {
			return WordClass{}, fmt.Errorf("cluster %d of %q out of range", c, k)
		}
		return WordClass{Cluster: uint16(c)}, nil
	})
	if m.superClasses = d.count(); m.superClasses > 0 {
		m.superClasses, m.superRows = d.rows()
	}
	m.newsTags = readStringMap(d, func(k string, v uint64) (uint32, error) {
		if v>>16 != 0 || v&0xff > uint64(len(m.xpos)) || v>>8 > uint64(len(m.xpos)) {
			return 0, fmt.Errorf("news tags %d of %q out of range", v, k)
		}
		return uint32(v), nil
	})
	if n := d.count(); n > 0 {
		var nc int
		if nc, m.retagRows = d.rows(); nc != m.tagClasses && d.err == nil {
			d.err = fmt.Errorf("second tagging pass has %d classes, the tagger %d", nc, m.tagClasses)
		}
		m.retagBelow = int32(min(d.uint(), 1<<31-1))
	}
	if k := d.count(); k > 0 {
		if k != 1 && d.err == nil {
			d.err = fmt.Errorf("punctuation section marked %d, want 1", k)
		}
		var nc int
		if nc, m.punctRows = d.rows(); nc != 1 && d.err == nil {
			d.err = fmt.Errorf("punctuation section with %d classes", nc)
		}
	}
	if version == 5 || version >= 6 && d.count() > 0 {
		var nc int
		if nc, m.rtagRows = d.rows(); nc != m.tagClasses && d.err == nil {
			d.err = fmt.Errorf("right-to-left tagger has %d classes, the tagger %d", nc, m.tagClasses)
		}
	}
	switch version {
	case 6:
		if m.beam = d.count(); (m.beam < 2 || m.beam > MaxBeam) && d.err == nil {
			d.err = fmt.Errorf("beam width %d out of range 2..%d", m.beam, MaxBeam)
		}
	case 7, 8, 9, 10:
		if m.beam = d.count(); m.beam > MaxBeam && d.err == nil {
			d.err = fmt.Errorf("beam width %d out of range 0..%d", m.beam, MaxBeam)
		}
		if version == 7 || d.marked("LSTM supertagger") {
			// One head for the supertags, or (from version 8) a second for the tags.
			nsuper := 2 * len(m.labels)
			m.lstmWords, m.lstm = d.lstm("LSTM supertagger", version >= 8, func(nclass, split int) bool {
				return split == 0 && nclass == nsuper || split == nsuper && nclass == nsuper+m.tagClasses
			})
		}
		if version >= 8 && d.marked("LSTM tagger") {
			m.lstmTagWords, m.lstmTag = d.lstm("LSTM tagger", true, func(nclass, split int) bool {
				return split == 0 && nclass == m.tagClasses
			})
		}
		if version >= 9 {
			opts := d.uint()
			if opts&^parserReadsSuperDoubts != 0 && d.err == nil {
				d.err = fmt.Errorf("unknown parser options %#x", opts)
			}
			m.superDoubt = opts&parserReadsSuperDoubts != 0
			oneSupertagger := m.lstm != nil && m.lstm.split == 0 && m.superClasses == 0 || m.lstm == nil && m.superClasses > 0
			if m.superDoubt && !oneSupertagger && d.err == nil {
				d.err = errors.New("the parser reads a supertagger's doubts, but there is no single one-headed supertagger")
			}
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("model: %w", d.err)
	}
	return m, nil
}

// pruneRows drops the features whose largest weight is below minWeight (in the
// quantised units, where the model's largest weight is 32000): they barely move a
// decision and cost space and time.
func pruneRows(rows []featureRow, minWeight int) []featureRow {
	if minWeight <= 0 {
		return rows
	}
	out := rows[:0:0]
	for _, r := range rows {
		big := 0
		for _, v := range r.vals {
			big = max(big, int(v), -int(v))
		}
		if big >= minWeight {
			out = append(out, r)
		}
	}
	return out
}

// Prune rewrites a model file without the features whose weights are all below
// minWeight; Train with TrainOptions.MinWeight gives the same bytes.
func Prune(data []byte, minWeight int) ([]byte, error) {
	d, err := readModelData(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	d.prune(minWeight, minWeight, minWeight, minWeight)
	var buf bytes.Buffer
	if err := d.write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (d *modelData) prune(tagger, parser, labeller, super int) {
	d.tagRows = pruneRows(d.tagRows, tagger)
	d.rtagRows = pruneRows(d.rtagRows, tagger)
	d.retagRows = pruneRows(d.retagRows, tagger)
	d.parseRows = pruneRows(d.parseRows, parser)
	d.labelRows = pruneRows(d.labelRows, labeller)
	d.superRows = pruneRows(d.superRows, super)
}

// lstm writes a BiLSTM: its vocabulary, its shape (from version 8 with its heads'
// split), then its weights (bilstm.params) as 16-bit floats (see toBF16).
func (e *encoder) lstm(words []string, n *bilstm, withSplit bool) {
	e.strs(words)
	e.uint(uint64(n.hidden))
	e.uint(uint64(n.nclass))
	if withSplit {
		e.uint(uint64(n.split))
	}
	e.uint(uint64(n.nflags))
	e.uint(uint64(len(n.dims)))
	for k, d := range n.dims {
		e.uint(uint64(d))
		e.uint(uint64(len(n.emb[k]) / d))
	}
	for _, v := range n.params() {
		e.uint(uint64(len(v)))
		b := make([]byte, 2*len(v))
		for i, x := range v {
			binary.LittleEndian.PutUint16(b[2*i:], toBF16(x))
		}
		if _, err := e.w.Write(b); err != nil && e.err == nil {
			e.err = err
		}
	}
}

// marked reads a section's mark: 1 if it follows, 0 if not.
func (d *decoder) marked(section string) bool {
	k := d.count()
	if k > 1 && d.err == nil {
		d.err = fmt.Errorf("%s section marked %d, want 0 or 1", section, k)
	}
	return k == 1 && d.err == nil
}

// lstm reads what encoder.lstm wrote for the network called name, checking its shape
// against what superInput feeds it and its classes with classesOK.
func (d *decoder) lstm(name string, withSplit bool, classesOK func(nclass, split int) bool) ([]string, *bilstm) {
	words := d.strs()
	hidden, nclass := d.count(), d.count()
	split := 0
	if withSplit {
		split = d.count()
	}
	nflags, ntables := d.count(), d.count()
	if d.err != nil {
		return nil, nil
	}
	switch {
	case hidden == 0 || hidden > 1024:
		d.err = fmt.Errorf("%s: %d units", name, hidden)
	case !classesOK(nclass, split):
		d.err = fmt.Errorf("%s: %d classes split at %d, which the model's tags and relations do not make", name, nclass, split)
	case nflags != lstmSuperFlags || ntables != lsTables:
		d.err = fmt.Errorf("%s: %d flags and %d tables, want %d and %d", name, nflags, ntables, lstmSuperFlags, lsTables)
	}
	if d.err != nil {
		return nil, nil
	}
	n := &bilstm{hidden: hidden, nclass: nclass, nflags: nflags, split: split}
	for k := range ntables {
		dim, rows := d.count(), d.count()
		want := lstmTableRows(k, len(words))
		if (dim == 0 || dim > 1024 || rows != want) && d.err == nil {
			d.err = fmt.Errorf("%s: table %d is %d×%d, want %d rows", name, k, rows, dim, want)
		}
		n.dims = append(n.dims, dim)
		n.in += dim
	}
	if d.err != nil {
		return nil, nil
	}
	n.in += nflags
	// The weights must be there before anything is allocated for them.
	need := 2*(4*hidden*(n.in+hidden)+4*hidden) + nclass*(2*hidden+1)
	for k, dim := range n.dims {
		need += dim * lstmTableRows(k, len(words))
	}
	if 2*need > len(d.buf) {
		d.err = fmt.Errorf("%s: truncated weights", name)
		return nil, nil
	}
	for k, dim := range n.dims {
		n.emb = append(n.emb, make([]float32, lstmTableRows(k, len(words))*dim))
	}
	for dir := range n.dirs {
		n.dirs[dir] = lstmWeights{w: make([]float32, 4*hidden*(n.in+hidden)), b: make([]float32, 4*hidden)}
	}
	n.out, n.outB = make([]float32, nclass*2*hidden), make([]float32, nclass)
	for _, v := range n.params() {
		if k := d.count(); k != len(v) && d.err == nil {
			d.err = fmt.Errorf("%s: %d weights where its shape has %d", name, k, len(v))
		}
		if d.err != nil {
			return nil, nil
		}
		if !d.have(2 * len(v)) {
			d.err = fmt.Errorf("%s: truncated weights", name)
			return nil, nil
		}
		for i := range v {
			v[i] = fromBF16(binary.LittleEndian.Uint16(d.buf[2*i:]))
		}
		d.buf = d.buf[2*len(v):]
	}
	return words, n
}
