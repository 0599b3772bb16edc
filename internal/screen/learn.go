package screen

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
)

// The learned layer (DESIGN.md "Detection that generalizes"): a logistic
// regression per category over hashed features of each sentence of the
// folded text. The features are computed on a skeleton of the words that
// undoes the tricks that only change how a word looks: digits for letters
// ("P4yP4l"), a capital I for an l ("PayPaI"), letters spaced or dotted out
// ("P a y P a l", "p.a.y.p.a.l"), a name split in two ("Pay Pal", "whats
// app"). On top of the skeleton, word unigrams, bigrams, the two words of a
// bigram written together, and character 3- and 4-grams of every word let
// the model recognize paraphrases and spellings it was not shown.

// modelClasses are the categories the model scores, in the order of its
// weight rows.
var modelClasses = [...]string{Email, Phone, URL, Handle, OffPlatform, PositiveReview}

const nClasses = len(modelClasses)

// modelDim is the number of hashed feature buckets (a power of two).
const modelDim = 1 << 15

// Model is a trained learned layer: per bucket, one weight per class,
// quantized to int16 with a scale per class, and a bias per class.
type Model struct {
	scale [nClasses]float32
	bias  [nClasses]float32
	w     []int16 // modelDim * nClasses, bucket-major
	// sums has, per bucket, what the screener reads of it short of its
	// weights. It is derived from the weights.
	sums []bucketSum
	// reach has, per surface (surfaceIndex) and class, the least weight
	// sum whose probability is at or above the class's threshold there
	// (math.MaxInt64 if no int32 sum is), so that a sum is tested against
	// a threshold without an exponential.
	reach [][nClasses]int64
}

// bucketSum is what a bucket holds in short, in one read of 4 bytes: a
// bigram's two buckets are two reads from 128 KiB, where their weight
// rows fill 384.
type bucketSum struct {
	// top is the largest weight there of a class the model may report: a
	// bigram's share of any such class's sum is at most the top of its two
	// buckets.
	top int16
	// cue has a bit for each class whose weight there is strongly
	// positive. A sentence none of whose word features is a cue of a class
	// cannot be that class as far as the model knows: its character
	// n-grams alone do not make a finding, and a sentence with no cue at
	// all is not scored.
	cue uint8
}

// cueMin is the weight (in logits) from which a word feature is a cue.
const cueMin = 0.25

func (m *Model) deriveCues() {
	m.sums = make([]bucketSum, modelDim)
	for f := range m.sums {
		b := &m.sums[f]
		b.top = math.MinInt16
		for c := 0; c < nClasses; c++ {
			if float64(m.w[f*nClasses+c])*float64(m.scale[c]) >= cueMin {
				b.cue |= 1 << c
			}
			if reportable&(1<<c) != 0 {
				b.top = max(b.top, m.w[f*nClasses+c])
			}
		}
	}
	m.reach = make([][nClasses]int64, len(Surfaces)+1)
	for k := range m.reach {
		surface := "" // the last row is for a surface not in Surfaces
		if k < len(Surfaces) {
			surface = Surfaces[k]
		}
		for c := range nClasses {
			m.reach[k][c] = m.leastReaching(c, threshold(surface, c))
		}
	}
}

// surfaceIndex is the row of Model.reach for a surface.
func surfaceIndex(surface string) int {
	if k := slices.Index(Surfaces, surface); k >= 0 {
		return k
	}
	return len(Surfaces)
}

// leastReaching returns the least int32 weight sum of class c whose
// probability is at least t, or math.MaxInt64 if none is. prob never
// decreases as the sum grows, so a binary search finds it.
func (m *Model) leastReaching(c int, t float32) int64 {
	if m.prob(math.MaxInt32, c) < t {
		return math.MaxInt64
	}
	lo, hi := int64(math.MinInt32), int64(math.MaxInt32) // prob(hi) >= t
	for lo < hi {
		mid := lo + (hi-lo)/2
		if m.prob(int32(mid), c) >= t {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// reaches reports whether the weight sum acc of class c is enough for
// the model to report c on the surface of row k of reach: whether
// prob(acc, c) is at least its threshold there.
func (m *Model) reaches(k, c int, acc int32) bool { return int64(acc) >= m.reach[k][c] }

// boundWords is the longest sentence, in words, whose bound mayReach
// reads: up to it no sum of int32 weights can wrap (a word has at most 49
// features of its own and 2 bigrams, each weight below 2^15 in size).
const boundWords = 1000

// mayReach reports whether a class of mask may reach its threshold on
// the surface of row k of reach in the sentence infer last read, as far
// as a bound tells: each class's sum is at most the words' own sum plus
// the top weights of the bigrams. When it reports false no class of mask
// does, and the bigrams' weights need not be fetched.
func (z *featurizer) mayReach(m *Model, k int, mask uint8) bool {
	if len(z.views) > boundWords {
		return true
	}
	for c := range nClasses {
		if mask&(1<<c) != 0 && int64(z.own[c])+z.top >= m.reach[k][c] {
			return true
		}
	}
	return false
}

// cues returns the classes the word features of a sentence cue.
func (m *Model) cues(words []uint32) uint8 {
	var mask uint8
	for _, f := range words {
		mask |= m.sums[f].cue
	}
	return mask
}

const modelMagic = "SCRM1\n"

// MarshalBinary encodes the model: magic, scales, biases, weights, all
// little-endian. The encoding is the embedded model file.
func (m *Model) MarshalBinary() ([]byte, error) {
	out := make([]byte, 0, len(modelMagic)+8*nClasses+2*len(m.w))
	out = append(out, modelMagic...)
	for _, v := range m.scale {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
	}
	for _, v := range m.bias {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
	}
	for _, v := range m.w {
		out = binary.LittleEndian.AppendUint16(out, uint16(v))
	}
	return out, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (m *Model) UnmarshalBinary(b []byte) error {
	if len(b) != len(modelMagic)+8*nClasses+2*modelDim*nClasses || string(b[:len(modelMagic)]) != modelMagic {
		return errors.New("screen: not a model file of this version")
	}
	b = b[len(modelMagic):]
	for c := range m.scale {
		m.scale[c] = math.Float32frombits(binary.LittleEndian.Uint32(b))
		b = b[4:]
	}
	for c := range m.bias {
		m.bias[c] = math.Float32frombits(binary.LittleEndian.Uint32(b))
		b = b[4:]
	}
	m.w = make([]int16, modelDim*nClasses)
	for i := range m.w {
		m.w[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	m.deriveCues()
	return nil
}

// skeleton maps a folded byte of a word that mixes letters and digits to
// the letter it stands for; in every word "i" and "l" are one letter,
// since a capital I passes for an l.
var skeleton = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
	}
	t['i'] = 'l'
	return t
}()

var leetSkeleton = func() (t [256]byte) {
	t = skeleton
	for from, to := range map[byte]byte{'0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '$': 's'} {
		t[from] = to
	}
	return t
}()

// modelPunct are the punctuation bytes that are features by themselves.
var modelPunct = func() (t [256]bool) {
	for _, c := range []byte("@/*#:+$%&") {
		t[c] = true
	}
	return t
}()

// featurizer turns one sentence into hashed feature buckets. Its buffers
// are reused across sentences and texts.
type featurizer struct {
	buf   []byte // skeleton words that are not plain words of the text, back to back
	feats []uint32
	// nWordFeats is how many of feats are word features; the rest are
	// character n-grams.
	nWordFeats int
	// marks are the concepts that skeletonWords read in the marks between
	// words (scoreMarks).
	marks uint64
	// words are the concepts of the sentence's words, and concept the
	// sentence's, with what it inherits from the sentence before (prev,
	// which the caller sets: 0 for none).
	words, concept, prev uint64
	// nConceptFrom is where the concept features start among the word
	// features.
	nConceptFrom int
	// views are the words of the sentence: bytes of buf, already skeleton
	// words, or (folded) a plain word of src, the folded text, read through
	// the skeleton table without being copied.
	views []wordView
	src   []byte
	tmp   []byte          // word: a folded view made skeleton
	memo  *wordMemo       // for infer, made on first use
	own   [nClasses]int32 // infer: the sum of the words' own features
	pairs []uint32        // infer: the bigram features
	// top is the sum of the model's top weights of the bigram features
	// (bucketSum.top): with own, a bound on each reportable class's sum.
	top int64
}

// hash is FNV-1a over b, started from seed: cheap, stable, no allocation.
func hash(seed uint32, b []byte) uint32 {
	h := seed
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

const (
	seedWord   = 2166136261
	seedBigram = 0x9747b28c
	seedGram   = 0x85ebca6b
	seedStem   = 0xc2b2ae35
)

// wordView is one word of a sentence: buf[s:e], or src[s:e] read through
// the skeleton table when folded, a word token whose lexHash is h.
type wordView struct {
	s, e   int32
	h      uint32
	folded bool
}

// word returns the skeleton bytes of word k, valid until the next call.
func (z *featurizer) word(k int) []byte {
	v := z.views[k]
	if !v.folded {
		return z.buf[v.s:v.e]
	}
	z.tmp = z.tmp[:0]
	for _, c := range z.src[v.s:v.e] {
		z.tmp = append(z.tmp, skeleton[c])
	}
	return z.tmp
}

// sentence computes the word features of tokens [from, to) of sc; grams
// adds the character n-grams. Training uses them; the screener uses infer,
// which gives the same scores without listing every feature.
func (z *featurizer) sentence(sc *scan, from, to int) []uint32 {
	z.feats = z.feats[:0]
	z.skeletonWords(sc, from, to)
	var prevUni, prevLeft uint32
	concept := z.marks
	ca := newColourApp()
	for k := range z.views {
		w := z.word(k)
		wc := conceptOf(w)
		concept |= uint64(wc)
		if ca.see(k, wc) {
			concept |= 1 << cColourApp
		}
		uni, left := hash(seedWord, w), hash(seedBigram, w)
		pairB, pairW := pairHashes(&identity, w, prevUni, prevLeft)
		z.feats = append(z.feats, uni&(modelDim-1))
		if hasStem(w) {
			z.feats = append(z.feats, stemHash(w)&(modelDim-1))
		}
		if k > 0 {
			z.feats = append(z.feats, pairB&(modelDim-1), pairW&(modelDim-1))
		}
		prevUni, prevLeft = uni, left
	}
	z.words = concept
	concept = inherit(concept, z.prev)
	z.concept = concept
	z.nConceptFrom = len(z.feats)
	z.feats = conceptFeats(z.feats, concept)
	z.nWordFeats = len(z.feats)
	return z.feats
}

// hasStem reports whether word w has a stem feature: the first five
// letters stand for the word's family across endings and languages
// ("pagues", "pagar"; "transfer", "transferir").
func hasStem(w []byte) bool { return len(w) >= 6 && w[0] != '#' }

func stemHash(w []byte) uint32 { return hash(seedStem, w[:5]) }

// A word's hashes are FNV-1a over its skeleton from some start: its
// unigram from seedWord, the bigram it starts from seedBigram (its "left"
// hash), and the two bigrams it ends from the previous word's left and
// unigram hashes xor 0x5bd1e995 (the bigram, and the two words as one,
// "pay pal" as "paypal"). The first two depend on the word alone: the
// tokenizer's lexHash is the unigram of a word of letters, and the word
// memo keeps the left hash.

// identity maps every byte to itself.
var identity = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
	}
	return t
}()

// pairHashes returns the hashes of the two bigrams word w, read through
// tab, ends after a word of unigram and left hashes prevUni and prevLeft,
// in one pass over the word as two independent chains.
func pairHashes(tab *[256]byte, w []byte, prevUni, prevLeft uint32) (pairB, pairW uint32) {
	pairB, pairW = prevLeft^0x5bd1e995, prevUni^0x5bd1e995
	for _, c := range w {
		c = tab[c]
		pairB = (pairB ^ uint32(c)) * 16777619
		pairW = (pairW ^ uint32(c)) * 16777619
	}
	return pairB, pairW
}

// infer returns the classes that the word features of tokens [from, to)
// of sc cue: what cues would read from sentence. A word's own features
// (unigram, stem, character n-grams) are looked at once per word and
// remembered; only the two bigrams it ends are looked up each time.
// logits then gives the sentence's scores.
func (z *featurizer) infer(m *Model, sc *scan, from, to int) (mask uint8) {
	z.skeletonWords(sc, from, to)
	if z.memo == nil {
		z.memo = new(wordMemo)
	}
	if z.memo.model != m {
		clear(z.memo.sets[:])
		clear(z.memo.concepts[:])
		z.memo.model = m
	}
	// Locals while the loop runs, stored at the end.
	var own [nClasses]int32
	var top int64
	memo, src, buf, sums, pairs := z.memo, z.src, z.buf, m.sums, z.pairs[:0]
	var prevUni, prevLeft uint32
	concept := z.marks
	ca := newColourApp()
	for k, v := range z.views {
		var w []byte
		tab, uni := &identity, v.h
		if v.folded {
			w, tab = src[v.s:v.e], &skeleton
		} else {
			w = buf[v.s:v.e]
			uni = hash(seedWord, w)
		}
		e := memo.entry(m, tab, w, v.folded, uni)
		mask |= e.cue
		concept |= uint64(e.concept)
		if e.concept&(1<<cApp|1<<cColour) != 0 && ca.see(k, e.concept) {
			concept |= 1 << cColourApp
		}
		for c := range own {
			own[c] += e.sum[c]
		}
		if k > 0 {
			pairB, pairW := pairHashes(tab, w, prevUni, prevLeft)
			fb, fw := pairB&(modelDim-1), pairW&(modelDim-1)
			sb, sw := sums[fb], sums[fw]
			mask |= sb.cue | sw.cue
			top += int64(sb.top) + int64(sw.top)
			pairs = append(pairs, fb, fw)
		}
		prevUni, prevLeft = uni, e.left
	}
	z.words = concept
	concept = inherit(concept, z.prev)
	if concept != 0 {
		// The sentence's concepts and pairs of concepts: cues like words,
		// and their weights summed once per set of concepts and model.
		e := memo.conceptEntry(m, concept)
		mask |= e.cue
		for c := range own {
			own[c] += e.sum[c]
		}
	}
	z.own, z.top, z.pairs, z.concept = own, top, pairs, concept
	return mask
}

// logits returns, per class, the integer sum of the weights of all the
// features of the sentence infer last read (word features and character
// n-grams): what prob reads. The bigrams' weights, scattered through the
// model, are only fetched for a sentence worth scoring.
func (z *featurizer) logits(m *Model) [nClasses]int32 {
	acc := z.own
	for _, f := range z.pairs {
		row := m.w[int(f)*nClasses : int(f)*nClasses+nClasses]
		for c := range acc {
			acc[c] += int32(row[c])
		}
	}
	return acc
}

// skeletonWords fills buf and words with the skeleton words of tokens
// [from, to) of sc.
func (z *featurizer) skeletonWords(sc *scan, from, to int) {
	buf, views := z.buf[:0], z.views[:0] // locals while the loop runs, stored at the end
	b, toks := sc.f.b, sc.toks
	z.src = b
	z.marks = 0
	var digits int32 // digits in a row, across spaces and punctuation
	prevSingle := -2 // token index of the last single letter, which ends the last word
	for i := from; i < to; i++ {
		t := &toks[i]
		if t.kind == kWord && t.flags&lxHasDigit == 0 && (t.e-t.s > 1 || b[t.s] == '_') {
			// The common case, a word of letters and not a single letter: the
			// word itself, read in place.
			views = append(views, wordView{s: t.s, e: t.e, h: t.h, folded: true})
			if t.flags&lxVenue != 0 && sc.venueNegated(from, i) {
				z.marks |= 1 << cNoVenue
			}
			digits = 0
			continue
		}
		// The marks between words that are concepts (concept.go): a score
		// written with digits or stars, a long number, an @name.
		switch {
		case t.flags&lxDigits != 0:
			run := digits > 0
			if digits += t.e - t.s; digits >= 8 {
				z.marks |= 1 << cDigits
			}
			if n := len(views); run && n > 0 && isNumberView(buf, views[n-1]) {
				// Groups of digits in a row ("5955 8988 3206 3480") are one
				// long number, not as many short ones.
				buf[views[n-1].s+1] = 'l'
				z.marks |= sc.scoreMarks(i, to)
				continue
			}
		case t.kind != kPunct:
			digits = 0
		}
		if t.flags&lxDigits != 0 || t.kind == kPunct && b[t.s] == '*' {
			z.marks |= sc.scoreMarks(i, to)
		} else if t.kind == kPunct && b[t.s] == '@' && i+1 < to && toks[i+1].kind == kWord && !toks[i+1].gap && !atKeyword[string(b[toks[i+1].s:toks[i+1].e])] {
			z.marks |= 1 << cAtName
		}
		start := len(buf)
		switch t.kind {
		case kWord:
			w := b[t.s:t.e]
			if t.flags&lxHasDigit == 0 { // a single letter (the rest went the common way)
				// Letters written one by one, with spaces or separators
				// between them ("p a y p a l", "p.a.y.p.a.l"), make one word.
				glued := len(views) > 0 && (prevSingle == i-1 || prevSingle == i-2 && toks[i-1].kind == kPunct &&
					strings.IndexByte(".-_*", b[toks[i-1].s]) >= 0)
				buf = append(buf, skeleton[w[0]])
				if glued {
					views[len(views)-1].e = int32(len(buf))
				} else {
					views = append(views, wordView{s: int32(start), e: int32(len(buf))})
				}
				prevSingle = i
				continue
			}
			switch {
			case t.flags&lxDigits != 0:
				switch {
				case len(w) == 1:
					buf = append(buf, '#', '1')
				case len(w) <= 4:
					buf = append(buf, '#', 's')
				default:
					buf = append(buf, '#', 'l')
				}
				views = append(views, wordView{s: int32(start), e: int32(len(buf))})
			case 2*letters(w) < len(w) || len(w) == 4 && letters(w[:2]) == 2 && letters(w[2:]) == 0:
				// Mostly digits: an identifier or a number glued to a letter
				// ("1z999aa1012"), or the country and check digits that start
				// an IBAN ("es35"), not a word in disguise.
				buf = append(buf, '#', 'm')
				views = append(views, wordView{s: int32(start), e: int32(len(buf))})
			default:
				for _, c := range w {
					buf = append(buf, leetSkeleton[c])
				}
				views = append(views, wordView{s: int32(start), e: int32(len(buf))})
			}
		case kPunct:
			c := b[t.s]
			if modelPunct[c] && !(c == '*' && prevSingle == i-1) {
				buf = append(buf, c)
				views = append(views, wordView{s: int32(start), e: int32(len(buf))})
			}
		default:
			buf = append(buf, '~')
			views = append(views, wordView{s: int32(start), e: int32(len(buf))})
		}
	}
	z.buf, z.views = buf, views
}

// isNumberView reports whether v is the "#1", "#s" or "#l" skeleton of a
// group of digits, not a '#' written by the member ("8#4"): only a number's
// skeleton may be widened to a long number.
func isNumberView(buf []byte, v wordView) bool {
	return !v.folded && v.e-v.s == 2 && buf[v.s] == '#' && strings.IndexByte("1sl", buf[v.s+1]) >= 0
}

// atKeyword are the words that follow an @ in messengers and their
// documentation without being anyone's name: "use @mentions", "@here",
// "@channel", and the placeholders "@username", "@handle".
var atKeyword = map[string]bool{
	"mention": true, "mentions": true, "here": true, "channel": true, "everyone": true, "all": true,
	"username": true, "handle": true, "user": true, "name": true,
}

// grams appends the character n-gram features of the words of the last
// sentence to its word features.
func (z *featurizer) grams() []uint32 {
	for k := range z.views {
		z.feats = appendWordGrams(z.feats, z.word(k))
	}
	return z.feats
}

// appendWordGrams appends the character 3- and 4-gram buckets of "<w>" to
// dst. Numbers ("#...") and words shorter than 2 or longer than 24 bytes
// have none.
func appendWordGrams(dst []uint32, w []byte) []uint32 {
	if len(w) < 2 || len(w) > maxGramWord || w[0] == '#' {
		return dst
	}
	var gram [4]byte
	n := len(w) + 2
	at := func(j int) byte {
		switch {
		case j == 0:
			return '<'
		case j == n-1:
			return '>'
		}
		return w[j-1]
	}
	for j := 0; j+3 <= n; j++ {
		gram[0], gram[1], gram[2] = at(j), at(j+1), at(j+2)
		dst = append(dst, hash(seedGram, gram[:3])&(modelDim-1))
		if j+4 <= n {
			gram[3] = at(j + 3)
			dst = append(dst, hash(seedGram, gram[:4])&(modelDim-1))
		}
	}
	return dst
}

// maxGramWord is the longest word whose character n-grams are features.
const maxGramWord = 24

// memoSlots is the number of words wordMemo remembers (a power of two),
// in sets of memoWays.
const (
	memoSlots = 2048
	memoWays  = 4
)

// memoEntry is what a word adds to a sentence by itself: the classes its
// unigram and stem cue, and per class the weights of its unigram, stem and
// character n-grams; and its left hash, which the next word's bigrams
// start from.
type memoEntry struct {
	cue     uint8
	left    uint32
	concept uint32 // the word's concept bits (concept.go)
	sum     [nClasses]int32
}

// memoSlot is one remembered word, as the sentence holds it (folded, or
// already skeleton), its unigram hash, compared before the word, and its
// entry: 64 bytes.
type memoSlot struct {
	n      uint8
	folded bool
	uni    uint32
	word   [maxMemoWord]byte
	e      memoEntry
}

// maxMemoWord is the longest word wordMemo keeps: longer ones (rare in
// text) are summed each time they are read.
const maxMemoWord = 20

// wordMemo remembers the memoEntry of the words last seen. A word's own
// features are most of a sentence's (its n-grams cost a hash each), but
// text repeats its words, so they are summed once per word and model and
// read back; the score is the same integer sum. A word's set is chosen by
// its unigram hash and a slot holds the word itself, so a collision only
// costs a recomputation. Four ways per set keep frequent words whose
// hashes collide from evicting each other at every turn: direct-mapped,
// 3.5% of the lookups over the benchmark corpus missed and recomputed the
// word, with four ways 0.01% do. Words longer than maxMemoWord are not
// kept.
type wordMemo struct {
	model *Model
	sets  [memoSlots / memoWays]struct {
		slot [memoWays]memoSlot
		next uint8 // the way the next word of this set replaces
	}
	scratch []uint32
	key     []byte
	long    memoEntry
	// concepts remembers, for the sets of concepts last seen, the cues
	// and weight sums of their concept features (conceptFeats):
	// sentences share few sets of concepts.
	concepts [conceptSlots]conceptSlot
}

// conceptSlots is the number of sets of concepts wordMemo remembers (a
// power of two).
const conceptSlots = 256

type conceptSlot struct {
	mask uint64 // the sentence's concepts; 0 for an empty slot
	cue  uint8
	sum  [nClasses]int32
}

// conceptEntry returns the cues and weight sums of the concept features
// of a sentence whose words' concepts are mask (not 0).
func (g *wordMemo) conceptEntry(m *Model, mask uint64) *conceptSlot {
	s := &g.concepts[(mask*0x9e3779b97f4a7c15)>>56&(conceptSlots-1)]
	if s.mask == mask {
		return s
	}
	*s = conceptSlot{mask: mask}
	g.scratch = conceptFeats(g.scratch[:0], mask)
	for _, f := range g.scratch {
		s.cue |= m.sums[f].cue
		row := m.w[int(f)*nClasses : int(f)*nClasses+nClasses]
		for c := range s.sum {
			s.sum[c] += int32(row[c])
		}
	}
	return s
}

// entry returns the memoEntry of the word w reads as through tab (the
// skeleton table when folded, else the identity), whose unigram hash is
// uni.
func (g *wordMemo) entry(m *Model, tab *[256]byte, w []byte, folded bool, uni uint32) *memoEntry {
	if len(w) > maxMemoWord {
		g.long = g.compute(m, g.skeleton(tab, w), uni)
		return &g.long
	}
	set := &g.sets[uni&(memoSlots/memoWays-1)]
	for k := range set.slot {
		if s := &set.slot[k]; s.uni == uni && int(s.n) == len(w) && s.folded == folded && string(s.word[:len(w)]) == string(w) {
			return &s.e
		}
	}
	s := &set.slot[set.next]
	set.next = (set.next + 1) % memoWays
	s.n, s.folded, s.uni = uint8(len(w)), folded, uni
	copy(s.word[:], w)
	s.e = g.compute(m, g.skeleton(tab, w), uni)
	return &s.e
}

// skeleton returns w read through tab, in a scratch of the memo.
func (g *wordMemo) skeleton(tab *[256]byte, w []byte) []byte {
	g.key = g.key[:0]
	for _, c := range w {
		g.key = append(g.key, tab[c])
	}
	return g.key
}

func (g *wordMemo) compute(m *Model, w []byte, uni uint32) (e memoEntry) {
	e.left = hash(seedBigram, w)
	e.concept = conceptOf(w)
	g.scratch = append(g.scratch[:0], uni&(modelDim-1))
	if hasStem(w) {
		g.scratch = append(g.scratch, stemHash(w)&(modelDim-1))
	}
	e.cue = m.cues(g.scratch)
	g.scratch = appendWordGrams(g.scratch, w)
	for _, f := range g.scratch {
		row := m.w[int(f)*nClasses : int(f)*nClasses+nClasses]
		for c := range e.sum {
			e.sum[c] += int32(row[c])
		}
	}
	return e
}

// prob returns the probability of class c for the integer weight sum acc
// of its features.
func (m *Model) prob(acc int32, c int) float32 {
	z := float64(m.bias[c]) + float64(acc)*float64(m.scale[c])
	return float32(1 / (1 + math.Exp(-z)))
}
