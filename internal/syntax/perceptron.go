package syntax

import (
	"math"
	"math/bits"
	"slices"
	"sync/atomic"
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

// weights is a trained, averaged and quantised perceptron: a hash table of feature
// fingerprints pointing at runs of (class, weight) entries. Scores are int32 sums of
// int16 weights; only their order matters. Models with at most three classes (the
// parser's transitions) keep the weights beside a 16-bit fingerprint, 8 bytes a
// feature, so that a feature costs one memory access and the table stays small
// enough for the cache.
type weights struct {
	nclass int
	// Each feature's fingerprint and where its row starts, eight features to a
	// 64-byte bucket (see rowBucket); tables of at most smallClasses classes keep the
	// weights themselves there instead (small).
	buckets []rowBucket
	// Sparse rows: per entry the class in the low byte (its high bit marks the last
	// entry of a feature) and the weight in the high 16 bits, so that an entry is
	// one load. Entry 0 is an empty row, where absent features are read.
	entries []uint32
	dense   []uint64 // rows with many classes, see denseBias
	denseN  int      // uint64s per dense row: a multiple of 8
	small   []smallBucket
	// Bit b is set when a feature whose home is bucket b lies in a later bucket,
	// because b was full when the table was built.
	over []uint64
}

// A rowBucket is one cache line: the fingerprints of its eight lanes, two to a word
// (lane i in bits 32*(i%2) of fps[i/2], 0 = empty), then where their rows start. A
// lookup compares all eight fingerprints at once (lane32) and reads the matching
// lane's row, or the empty one, without a branch, so that the processor's guesses
// are not wasted on which slot holds the feature and one feature's loads overlap
// with the next one's.
type rowBucket struct {
	fps    [4]uint64
	starts [8]uint32
}

// A smallBucket is a bucket of a small table: fingerprints four to a word (lane i
// in bits 16*(i%4) of fps[i/4]), then the weights.
type smallBucket struct {
	fps [2]uint64
	w   [8][smallClasses]int16
}

const (
	lastEntry    = 0x80
	smallClasses = 3
	denseRow     = 1 << 31 // in a rowBucket's start: the row is in dense
	// A dense row packs four classes per uint64, each as its weight + denseBias in
	// a 16-bit lane. Summing masks out every other lane, so that one 64-bit add
	// sums two classes in 32-bit lanes: they stay non-negative and the sum of at
	// most maxBatch rows (< 2^24) cannot carry into the next.
	denseBias = 1 << 15
	evenLanes = 0x0000FFFF0000FFFF
)

func fingerprint(f uint64) uint32 { return uint32(f>>32) | 1 }

// smallFingerprint uses other bits of the key than the bucket index (its low bits).
func smallFingerprint(f uint64) uint16 { return uint16(f>>48) | 1 }

const maxBatch = 256 // features scored at once

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
	nb := uint64(len(w.buckets))
	if nb == 0 {
		return
	}
	bmask := nb - 1
	// Sums go to a fixed-size array indexed by class&(lastEntry-1), which needs no
	// bounds checks.
	var acc [lastEntry]int32
	var dense [maxBatch]int32 // offsets of the dense rows to add
	nd := 0
	// A first pass only touches each feature's bucket: with few instructions per
	// feature, the processor has many of their cache misses under way at once.
	var first [maxBatch]uint64
	for k, f := range feats {
		first[k] = w.buckets[f&bmask].fps[0]
	}
	for k, f := range feats {
		b := f & bmask
		bk := &w.buckets[b]
		fp := fingerprint(f)
		lane := lane32(first[k&(maxBatch-1)], bk.fps[1], bk.fps[2], bk.fps[3], fp)
		// Overflows are rare, so testing for one first keeps the branch predictable.
		if w.over[b>>6]>>(b&63)&1 != 0 && lane == 8 {
			bk, lane = w.find(f)
		}
		// An absent feature reads the empty row at entry 0.
		start := bk.starts[lane&7] & -uint32(b2u(lane < 8))
		if start&denseRow != 0 {
			dense[nd&(maxBatch-1)] = int32(start &^ denseRow)
			nd++
			continue
		}
		for _, e := range w.entries[start:] {
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
	// The first pass, as in scoreBatch.
	var first [maxBatch]uint64
	for k, f := range feats {
		first[k] = w.small[f&bmask].fps[0]
	}
	for k, f := range feats {
		b := f & bmask
		bk := &w.small[b]
		lane := lane16(first[k&(maxBatch-1)], bk.fps[1], smallFingerprint(f))
		if w.over[b>>6]>>(b&63)&1 != 0 && lane == 8 {
			bk, lane = w.findSmall(f)
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

const (
	lanes16 = 0x0001000100010001
	lanes32 = 0x0000000100000001
)

// matchLanes16 sets bit 15 of each 16-bit lane of word that equals fp, and possibly
// of lanes above a matching one (a borrow); the lowest set bit is always a true
// match. matchLanes32 does the same for 32-bit lanes.
func matchLanes16(word uint64, fp uint16) uint64 {
	x := word ^ uint64(fp)*lanes16
	return (x - lanes16) &^ x & (lanes16 << 15)
}

func matchLanes32(word uint64, fp uint32) uint64 {
	x := word ^ uint64(fp)*lanes32
	return (x - lanes32) &^ x & (lanes32 << 31)
}

// lane16 is the lane of the fingerprints lo (lanes 0-3) and hi (4-7) holding fp, 8
// if none; lane32 the same over four words of two lanes. Neither branches: each
// word gives the place of its first match, or its width if it has none, and a word's
// width is added to the next word's answer only when it had none.
func lane16(lo, hi uint64, fp uint16) int {
	l0 := bits.TrailingZeros64(matchLanes16(lo, fp)) >> 4 // 4 if none
	l1 := bits.TrailingZeros64(matchLanes16(hi, fp)) >> 4
	return l0 + l1&-(l0>>2)
}

func lane32(w0, w1, w2, w3 uint64, fp uint32) int {
	l0 := bits.TrailingZeros64(matchLanes32(w0, fp)) >> 5 // 2 if none
	l1 := bits.TrailingZeros64(matchLanes32(w1, fp)) >> 5
	l2 := bits.TrailingZeros64(matchLanes32(w2, fp)) >> 5
	l3 := bits.TrailingZeros64(matchLanes32(w3, fp)) >> 5
	l := l2 + l3&-(l2>>1)
	l = l1 + l&-(l1>>1)
	return l0 + l&-(l0>>1)
}

// find is the bucket and lane holding feature f's weights, lane 8 if none
// (scoreBatch does the same inline); findSmall the same in a small table.
func (w *weights) find(f uint64) (*rowBucket, int) {
	fp := fingerprint(f)
	b, lane := chainFind(w.over, len(w.buckets), f, func(b uint64) int {
		bk := &w.buckets[b]
		return lane32(bk.fps[0], bk.fps[1], bk.fps[2], bk.fps[3], fp)
	})
	return &w.buckets[b], lane
}

func (w *weights) findSmall(f uint64) (*smallBucket, int) {
	fp := smallFingerprint(f)
	b, lane := chainFind(w.over, len(w.small), f, func(b uint64) int {
		return lane16(w.small[b].fps[0], w.small[b].fps[1], fp)
	})
	return &w.small[b], lane
}

// chainFind looks for a feature from its home bucket on, as far as the buckets were
// full when the table was built (over); laneAt gives the feature's lane in a bucket,
// 8 if it is not there.
func chainFind(over []uint64, nb int, f uint64, laneAt func(b uint64) int) (uint64, int) {
	bmask := uint64(nb - 1)
	b := f & bmask
	lane := laneAt(b)
	for range nb {
		if lane < 8 || over[b>>6]>>(b&63)&1 == 0 {
			break
		}
		b = (b + 1) & bmask
		lane = laneAt(b)
	}
	return b, lane
}

// A bucketTable lays rows out eight to a bucket: each in the first bucket from its
// home on with a free lane, marking the full buckets it passes (over). A row whose
// fingerprint its home's chain already holds could never be found, and is left out:
// a lookup finds the first.
type bucketTable struct {
	over  []uint64
	fill  []uint8
	bmask uint64
}

func newBucketTable(size int) (t bucketTable, nb int) {
	nb = max(size/8, 1)
	return bucketTable{over: make([]uint64, (nb+63)/64), fill: make([]uint8, nb), bmask: uint64(nb - 1)}, nb
}

// Building a table reads each row's home bucket at random. touchHomes reads the
// next touchAhead rows' homes first, with nothing between the loads, so that their
// cache misses overlap; touchSink keeps the reads from being left out.
const touchAhead = 64

var touchSink atomic.Uint64 // tables may be built side by side

func touchHomes(rows []featureRow, home func(key uint64) uint64) uint64 {
	var sum uint64
	for _, r := range rows[:min(touchAhead, len(rows))] {
		sum += home(r.key)
	}
	return sum
}

// place is the bucket and lane for a new row with key.
func (t *bucketTable) place(key uint64) (uint64, int) {
	b := key & t.bmask
	for t.fill[b] == 8 {
		t.over[b>>6] |= 1 << (b & 63)
		b = (b + 1) & t.bmask
	}
	t.fill[b]++
	return b, int(t.fill[b] - 1)
}

func buildSmall(w *weights, size int, rows []featureRow) {
	t, nb := newBucketTable(size)
	w.small = make([]smallBucket, nb)
	w.over = t.over
	for i, r := range rows {
		if i%touchAhead == 0 {
			touchSink.Add(touchHomes(rows[i:], func(key uint64) uint64 { return w.small[key&t.bmask].fps[0] }))
		}
		if _, lane := w.findSmall(r.key); lane < 8 {
			continue
		}
		b, lane := t.place(r.key)
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

// tableSize is the number of lanes of a table of n rows (eight to a bucket): a power
// of two, at most three quarters full. The model file keeps the low bits of each key
// up to this size (keyBits), so a table can have no more lanes than this.
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
	w := &weights{nclass: nclass}
	if nclass <= smallClasses {
		buildSmall(w, size, rows)
	} else {
		buildRows(w, size, rows)
	}
	return w
}

// buildRows lays out a table of more than smallClasses classes: its buckets, and
// each row in entries or dense.
func buildRows(w *weights, size int, rows []featureRow) {
	nclass := w.nclass
	t, nb := newBucketTable(size)
	w.buckets = make([]rowBucket, nb)
	w.over = t.over
	n := 1
	for _, r := range rows {
		n += len(r.cls)
	}
	w.entries = make([]uint32, 1, n)
	w.entries[0] = lastEntry // the empty row: class 0, weight 0
	// Rows hold a multiple of 32 classes, the assembly's block (see addDense).
	w.denseN = ((nclass+3)/4 + 7) &^ 7
	// Rows using a good part of the classes are cheaper to add up dense.
	denseMin := max(nclass/4, 8)
	for i, r := range rows {
		if i%touchAhead == 0 {
			touchSink.Add(touchHomes(rows[i:], func(key uint64) uint64 { return w.buckets[key&t.bmask].fps[0] }))
		}
		if len(r.cls) == 0 {
			continue
		}
		if _, lane := w.find(r.key); lane < 8 {
			continue
		}
		var start uint32
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
			start = uint32(off) | denseRow
		} else {
			start = uint32(len(w.entries))
			for j, c := range r.cls {
				if j == len(r.cls)-1 {
					c |= lastEntry
				}
				w.entries = append(w.entries, uint32(c)|uint32(uint16(r.vals[j]))<<16)
			}
		}
		b, lane := t.place(r.key)
		bk := &w.buckets[b]
		bk.fps[lane/2] |= uint64(fingerprint(r.key)) << (32 * (lane % 2))
		bk.starts[lane] = start
	}
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
