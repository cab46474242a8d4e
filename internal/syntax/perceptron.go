package syntax

import (
	"math"
	"math/bits"
	"slices"
)

// Features are 64-bit hashes of a template id and the values it combines (word
// hashes, tag ids, distances). Hashing strings once per token and mixing integers per
// feature avoids any vocabulary lookup at run time; 64 bits make collisions between
// real features negligible.

func mix(x uint64) uint64 { // splitmix64 finaliser
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// One mix per feature: the values are multiplied by different odd constants before
// they are combined, so that equal values in different places do not cancel out.
func f1(t, a uint64) uint64    { return mix(t*0x9E3779B97F4A7C15 ^ a) }
func f2(t, a, b uint64) uint64 { return mix(t*0x9E3779B97F4A7C15 ^ a ^ b*0xC2B2AE3D27D4EB4F) }
func f3(t, a, b, c uint64) uint64 {
	return mix(t*0x9E3779B97F4A7C15 ^ a ^ b*0xC2B2AE3D27D4EB4F ^ c*0x165667B19E3779F9)
}

// hashString is FNV-1a, mixed.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h)
}

// trainer is an averaged multi-class perceptron under training. Weights are sparse:
// each feature has a run of (class, weight) entries, created on its first update and
// kept contiguous (a run that fills up moves to the end of the arena with twice the
// room), so that scoring reads memory in order.
type trainer struct {
	nclass int
	index  map[uint64]int32 // feature -> row
	rows   []trainRow
	// The arena, one entry per (feature, class), as parallel arrays.
	cls  []uint8
	w    []float32
	tot  []float64 // sum of w over the steps before ts
	ts   []int32   // step of the last change of w
	step int32     // instances seen, the clock of the averaging
}

type trainRow struct {
	off     int32
	n, room uint8
}

func newTrainer(nclass int) *trainer {
	return &trainer{nclass: nclass, index: make(map[uint64]int32)}
}

// score sets scores (len nclass) to the current weights of feats.
func (t *trainer) score(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		r, ok := t.index[f]
		if !ok {
			continue
		}
		row := t.rows[r]
		end := row.off + int32(row.n)
		cls, w := t.cls[row.off:end], t.w[row.off:end]
		for j, c := range cls {
			scores[c] += w[j]
		}
	}
}

// update moves the weights towards truth and away from guess; call tick once per
// instance whether or not it updates.
func (t *trainer) update(feats []uint64, truth, guess int) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		t.add(f, truth, 1)
		t.add(f, guess, -1)
	}
}

func (t *trainer) tick() { t.step++ }

func (t *trainer) add(f uint64, cls int, d float32) {
	r, ok := t.index[f]
	if !ok {
		r = int32(len(t.rows))
		t.rows = append(t.rows, trainRow{off: int32(len(t.cls)), room: 2})
		t.grow(2)
		t.index[f] = r
	}
	row := &t.rows[r]
	for e := row.off; e < row.off+int32(row.n); e++ {
		if int(t.cls[e]) == cls {
			t.tot[e] += float64(t.w[e]) * float64(t.step-t.ts[e])
			t.ts[e] = t.step
			t.w[e] += d
			return
		}
	}
	if row.n == row.room {
		// Move the row to the end of the arena with twice the room.
		room := min(int(row.room)*2, t.nclass, 255)
		off := int32(len(t.cls))
		t.grow(room)
		copy(t.cls[off:], t.cls[row.off:row.off+int32(row.n)])
		copy(t.w[off:], t.w[row.off:row.off+int32(row.n)])
		copy(t.tot[off:], t.tot[row.off:row.off+int32(row.n)])
		copy(t.ts[off:], t.ts[row.off:row.off+int32(row.n)])
		row.off, row.room = off, uint8(room)
	}
	e := row.off + int32(row.n)
	row.n++
	t.cls[e], t.w[e], t.tot[e], t.ts[e] = uint8(cls), d, 0, t.step
}

func (t *trainer) grow(n int) {
	t.cls = append(t.cls, make([]uint8, n)...)
	t.w = append(t.w, make([]float32, n)...)
	t.tot = append(t.tot, make([]float64, n)...)
	t.ts = append(t.ts, make([]int32, n)...)
}

// weights is a trained, averaged and quantised perceptron: an open-addressing table
// of feature fingerprints pointing at runs of (class, weight) entries. Scores are
// int32 sums of int16 weights; only their order matters. Models with at most three
// classes (the parser's transitions) keep the weights inside an 8-byte slot with a
// 16-bit fingerprint, so that a feature costs one memory access and the table stays
// small enough for the cache.
type weights struct {
	nclass int
	mask   uint64
	slots  []slot
	// Sparse rows: per entry the class in the low byte (its high bit marks the last
	// entry of a feature) and the weight in the high 16 bits, so that an entry is
	// one load.
	entries []uint32
	dense   []uint64 // rows with many classes, see denseBias
	denseN  int      // uint64s per dense row: a multiple of 8
	// Tables of at most smallClasses classes keep each feature's weights beside its
	// fingerprint, eight features to a 64-byte bucket (see smallBucket).
	small []smallBucket
	// Bit b is set when a feature whose home is bucket b lies in a later bucket,
	// because b was full when the table was built.
	smallOver []uint64
}

type slot struct {
	fp    uint32 // 0 = empty
	start uint32
}

// A smallBucket is one cache line: the fingerprints of its eight lanes, four to a
// word (lane i in bits 16*(i%4) of fps[i/4], 0 = empty), then their weights. A
// lookup compares all eight fingerprints at once (matchLanes) and adds the matching
// lane's weights, or zeros, without a branch, so that the processor's guesses are
// not wasted on which slot holds the feature and the loads of one feature's bucket
// overlap with the next one's.
type smallBucket struct {
	fps [2]uint64
	w   [8][smallClasses]int16
}

const (
	lastEntry    = 0x80
	smallClasses = 3
	denseRow     = 1 << 31 // in slot.start: the row is in dense
	// A dense row packs four classes per uint64, each as its weight + denseBias in
	// a 16-bit lane. Summing masks out every other lane, so that one 64-bit add
	// sums two classes in 32-bit lanes: they stay non-negative and the sum of at
	// most maxBatch rows (< 2^24) cannot carry into the next.
	denseBias = 1 << 15
	evenLanes = 0x0000FFFF0000FFFF
)

func fingerprint(f uint64) uint32 { return uint32(f>>32) | 1 }

// smallFingerprint uses other bits of the key than the slot index (its low bits).
func smallFingerprint(f uint64) uint16 { return uint16(f>>48) | 1 }

// Looking a feature up starts with a first pass over all features that only reads
// each one's home slot and notes, without branching, whether it holds the feature or
// is empty. The loads are independent of each other, so the processor overlaps their
// cache misses; the second pass then finds the slots in cache.
const (
	probeFound = 1 // the home slot holds the feature
	probeEmpty = 2 // the home slot is empty: the feature is absent
	maxBatch   = 256
)

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// score sets scores (len nclass) to the weights of feats summed.
func (w *weights) score(feats []uint64, scores []int32) {
	clear(scores)
	for len(feats) > maxBatch {
		w.scoreBatch(feats[:maxBatch], scores)
		feats = feats[maxBatch:]
	}
	w.scoreBatch(feats, scores)
}

func (w *weights) scoreBatch(feats []uint64, scores []int32) {
	if w.small != nil {
		w.scoreSmall(feats, scores)
		return
	}
	if len(w.slots) == 0 {
		return
	}
	// Sums go to a fixed-size array indexed by class&(lastEntry-1), which needs no
	// bounds checks.
	var acc [lastEntry]int32
	var first [maxBatch]uint8
	var dense [maxBatch]int32 // offsets of the dense rows to add
	nd := 0
	for k, f := range feats {
		fp := w.slots[f&w.mask].fp
		first[k] = b2u(fp == fingerprint(f)) | b2u(fp == 0)<<1
	}
	for k, f := range feats {
		var s slot
		switch first[k] {
		case probeEmpty:
			continue
		case probeFound:
			s = w.slots[f&w.mask]
		default:
			fp := fingerprint(f)
			i := f & w.mask
			for {
				s = w.slots[i]
				if s.fp == 0 || s.fp == fp {
					break
				}
				i = (i + 1) & w.mask
			}
			if s.fp == 0 {
				continue
			}
		}
		if s.start&denseRow != 0 {
			dense[nd&(maxBatch-1)] = int32(s.start &^ denseRow)
			nd++
			continue
		}
		for _, e := range w.entries[s.start:] {
			acc[e&(lastEntry-1)] += int32(int16(e >> 16))
			if e&lastEntry != 0 {
				break
			}
		}
	}
	var sums [lastEntry]int32 // the dense rows' sums, each lane biased by denseBias
	if nd > 0 {
		w.addDense(dense[:nd], &sums)
	}
	bias := int32(nd) * denseBias
	for j := range scores {
		c := j & (lastEntry - 1) // = j, without bounds checks on acc and sums
		scores[j] += acc[c] + sums[c] - bias
	}
}

// addDenseGo sums dense rows four uint64s (sixteen classes) at a time, so that the
// sums stay in registers while the rows are read.
func (w *weights) addDenseGo(offs []int32, sums *[lastEntry]int32) {
	for b := 0; b+4 <= w.denseN; b += 4 {
		var e0, e1, e2, e3, o0, o1, o2, o3 uint64
		for _, off := range offs {
			r := w.dense[int(off)+b:]
			r = r[:4]
			e0 += r[0] & evenLanes
			o0 += r[0] >> 16 & evenLanes
			e1 += r[1] & evenLanes
			o1 += r[1] >> 16 & evenLanes
			e2 += r[2] & evenLanes
			o2 += r[2] >> 16 & evenLanes
			e3 += r[3] & evenLanes
			o3 += r[3] >> 16 & evenLanes
		}
		// e holds classes 4q and 4q+2 in its two 32-bit halves, o 4q+1 and 4q+3.
		for k, eo := range [4][2]uint64{{e0, o0}, {e1, o1}, {e2, o2}, {e3, o3}} {
			c := 4 * (b + k)
			sums[c&(lastEntry-1)] = int32(uint32(eo[0]))
			sums[(c+1)&(lastEntry-1)] = int32(uint32(eo[1]))
			sums[(c+2)&(lastEntry-1)] = int32(uint32(eo[0] >> 32))
			sums[(c+3)&(lastEntry-1)] = int32(uint32(eo[1] >> 32))
		}
	}
}

func (w *weights) scoreSmall(feats []uint64, scores []int32) {
	var acc [smallClasses]int32
	nb := uint64(len(w.small))
	if nb == 0 {
		return
	}
	bmask := nb - 1
	// A first pass only touches each feature's bucket: with few instructions per
	// feature, the processor has many of their cache misses under way at once.
	var first [maxBatch]uint64
	for k, f := range feats {
		first[k] = w.small[f&bmask].fps[0]
	}
	for k, f := range feats {
		b := f & bmask
		bk := &w.small[b]
		fp := smallFingerprint(f)
		// Lanes 0-3, or 4 plus lanes 4-7 (4 if none), without a branch.
		lo := bits.TrailingZeros64(matchLanes(first[k&(maxBatch-1)], fp)) >> 4
		hi := bits.TrailingZeros64(matchLanes(bk.fps[1], fp)) >> 4
		lane := lo + hi&-(lo>>2)
		// Overflows are rare, so testing for one first keeps the branch predictable.
		if w.smallOver[b>>6]>>(b&63)&1 != 0 && lane == 8 {
			bk, lane = w.smallOverflow(b, fp)
		}
		// lane 8: not found; the mask zeroes what lane 0 holds.
		found := -int32(b2u(lane < 8))
		row := &bk.w[lane&7]
		acc[0] += int32(row[0]) & found
		acc[1] += int32(row[1]) & found
		acc[2] += int32(row[2]) & found
	}
	for j := range scores {
		scores[j] += acc[j%smallClasses]
	}
}

const lanes16 = 0x0001000100010001

// matchLanes sets bit 15 of each 16-bit lane of word that equals fp, and possibly of
// lanes above a matching one (a borrow); the lowest set bit is always a true match.
func matchLanes(word uint64, fp uint16) uint64 {
	x := word ^ uint64(fp)*lanes16
	return (x - lanes16) &^ x & (lanes16 << 15)
}

// bucketLane is the lane of bk holding fingerprint fp, 8 if none.
func bucketLane(bk *smallBucket, fp uint16) int {
	lo := bits.TrailingZeros64(matchLanes(bk.fps[0], fp)) >> 4 // 4 if none
	hi := bits.TrailingZeros64(matchLanes(bk.fps[1], fp)) >> 4
	if lo == 4 {
		lo += hi
	}
	return lo
}

// smallFind is the bucket and lane holding feature f's weights, lane 8 if none
// (scoreSmall does the same inline).
func (w *weights) smallFind(f uint64) (*smallBucket, int) {
	b := f & uint64(len(w.small)-1)
	fp := smallFingerprint(f)
	if lane := bucketLane(&w.small[b], fp); lane < 8 || w.smallOver[b>>6]>>(b&63)&1 == 0 {
		return &w.small[b], lane
	}
	return w.smallOverflow(b, fp)
}

// smallOverflow looks for fp in the buckets after b, as far as the buckets before
// were full when the table was built; it returns lane 8 if fp is absent.
func (w *weights) smallOverflow(b uint64, fp uint16) (*smallBucket, int) {
	bmask := uint64(len(w.small) - 1)
	for range len(w.small) {
		if w.smallOver[b>>6]>>(b&63)&1 == 0 {
			break
		}
		b = (b + 1) & bmask
		bk := &w.small[b]
		if lane := bucketLane(bk, fp); lane < 8 {
			return bk, lane
		}
	}
	return &w.small[b], 8
}

// buildSmall lays rows out in buckets: each in the first bucket from its home on
// with a free lane, marking the full buckets it passes. A row whose fingerprint its
// home's chain already holds could never be found, and is left out: a lookup finds
// the first.
func buildSmall(w *weights, size int, rows []featureRow) {
	nb := max(size/8, 1)
	w.small = make([]smallBucket, nb)
	w.smallOver = make([]uint64, (nb+63)/64)
	bmask := uint64(nb - 1)
	fill := make([]uint8, nb)
	for _, r := range rows {
		if _, lane := w.smallFind(r.key); lane < 8 {
			continue
		}
		b := r.key & bmask
		for fill[b] == 8 {
			w.smallOver[b>>6] |= 1 << (b & 63)
			b = (b + 1) & bmask
		}
		lane := int(fill[b])
		fill[b]++
		bk := &w.small[b]
		bk.fps[lane/4] |= uint64(smallFingerprint(r.key)) << (16 * (lane % 4))
		for j, c := range r.cls {
			bk.w[lane][c] = r.vals[j]
		}
	}
}

// featureRow is one feature's quantised weights, the unit of the model file.
type featureRow struct {
	key  uint64
	cls  []uint8
	vals []int16
}

// finish averages the weights, quantises them to int16 and drops what rounds to zero.
// Rows come out sorted by key, so that the model file is the same for the same
// training run.
func (t *trainer) finish() []featureRow {
	maxAbs := 0.0
	avg := func(e int32) float64 {
		tot := t.tot[e] + float64(t.w[e])*float64(t.step-t.ts[e])
		return tot / float64(max(t.step, 1))
	}
	for _, row := range t.rows {
		for e := row.off; e < row.off+int32(row.n); e++ {
			maxAbs = max(maxAbs, math.Abs(avg(e)))
		}
	}
	scale := 0.0
	if maxAbs > 0 {
		scale = 32000 / maxAbs
	}
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var rows []featureRow
	for _, k := range keys {
		row := t.rows[t.index[k]]
		var r featureRow
		for e := row.off; e < row.off+int32(row.n); e++ {
			q := math.Round(avg(e) * scale)
			if q == 0 {
				continue
			}
			r.cls = append(r.cls, t.cls[e])
			r.vals = append(r.vals, int16(q))
		}
		if len(r.cls) == 0 {
			continue
		}
		// Entries are in order of first update; order them by class for a stable file.
		idx := make([]int, len(r.cls))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return int(r.cls[a]) - int(r.cls[b]) })
		c2, v2 := make([]uint8, len(idx)), make([]int16, len(idx))
		for i, j := range idx {
			c2[i], v2[i] = r.cls[j], r.vals[j]
		}
		r.key, r.cls, r.vals = k, c2, v2
		rows = append(rows, r)
	}
	return rows
}

// tableSize is the number of slots of a table of n rows: a power of two, at most
// three quarters full.
func tableSize(n int) int {
	size := 1
	for size < n*4/3+1 {
		size <<= 1
	}
	return size
}

// buildWeights lays rows out in the lookup table.
func buildWeights(nclass int, rows []featureRow) *weights {
	size := tableSize(len(rows))
	w := &weights{nclass: nclass, mask: uint64(size - 1)}
	if nclass <= smallClasses {
		buildSmall(w, size, rows)
		return w
	}
	w.slots = make([]slot, size)
	n := 0
	for _, r := range rows {
		n += len(r.cls)
	}
	w.entries = make([]uint32, 0, n)
	// Rows hold a multiple of 32 classes, the assembly's block (see addDense).
	w.denseN = ((nclass+3)/4 + 7) &^ 7
	// Rows using a good part of the classes are cheaper to add up dense.
	denseMin := max(nclass/4, 8)
	for _, r := range rows {
		if len(r.cls) == 0 {
			continue
		}
		if len(r.cls) >= denseMin {
			off := len(w.dense)
			w.dense = append(w.dense, make([]uint64, w.denseN)...)
			vals := make([]int32, 4*w.denseN)
			for j, c := range r.cls {
				vals[c] = int32(r.vals[j])
			}
			for c, v := range vals {
				w.dense[off+c/4] |= uint64(uint16(v+denseBias)) << (16 * (c & 3))
			}
			i := r.key & w.mask
			for w.slots[i].fp != 0 {
				i = (i + 1) & w.mask
			}
			w.slots[i] = slot{fp: fingerprint(r.key), start: uint32(off) | denseRow}
			continue
		}
		start := uint32(len(w.entries))
		for j, c := range r.cls {
			if j == len(r.cls)-1 {
				c |= lastEntry
			}
			w.entries = append(w.entries, uint32(c)|uint32(uint16(r.vals[j]))<<16)
		}
		i := r.key & w.mask
		for w.slots[i].fp != 0 {
			i = (i + 1) & w.mask
		}
		w.slots[i] = slot{fp: fingerprint(r.key), start: start}
	}
	return w
}

// averageRows averages the weights of classifiers trained on the same task (each as
// finish gives it: rows sorted by key, quantised with the largest weight at 32000), a
// feature missing from one counting 0 there, and quantises the average again. Scores
// are linear in the weights, so the average scores every input as the mean of the
// classifiers' scores would.
func averageRows(sets [][]featureRow) []featureRow {
	n := float64(len(sets))
	pos := make([]int, len(sets))
	type entry struct {
		key uint64
		cls []uint8
		sum []float32
	}
	var merged []entry
	maxAbs := 0.0
	for {
		key, found := uint64(0), false
		for i, rows := range sets {
			if pos[i] < len(rows) && (!found || rows[pos[i]].key < key) {
				key, found = rows[pos[i]].key, true
			}
		}
		if !found {
			break
		}
		e := entry{key: key}
		for i, rows := range sets {
			if pos[i] >= len(rows) || rows[pos[i]].key != key {
				continue
			}
			r := rows[pos[i]]
			pos[i]++
			for j, c := range r.cls {
				k := slices.Index(e.cls, c)
				if k < 0 {
					k = len(e.cls)
					e.cls, e.sum = append(e.cls, c), append(e.sum, 0)
				}
				e.sum[k] += float32(float64(r.vals[j]) / n)
			}
		}
		for _, v := range e.sum {
			maxAbs = max(maxAbs, math.Abs(float64(v)))
		}
		merged = append(merged, e)
	}
	scale := 0.0
	if maxAbs > 0 {
		scale = 32000 / maxAbs
	}
	out := make([]featureRow, 0, len(merged))
	for _, e := range merged {
		idx := make([]int, len(e.cls))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int { return int(e.cls[a]) - int(e.cls[b]) })
		r := featureRow{key: e.key}
		for _, i := range idx {
			if q := math.Round(float64(e.sum[i]) * scale); q != 0 {
				r.cls = append(r.cls, e.cls[i])
				r.vals = append(r.vals, int16(q))
			}
		}
		if len(r.cls) > 0 {
			out = append(out, r)
		}
	}
	return out
}
