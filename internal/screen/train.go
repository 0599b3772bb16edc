package screen

import (
	"math"
	"math/rand/v2"
)

// Labelled is one text of a training corpus: where it was written and
// where each category sits in it (byte offsets, End exclusive). Clean
// text has no spans.
type Labelled struct {
	Text    string
	Surface string
	Spans   []LabelSpan
}

// LabelSpan is a labelled category over Text[Start:End].
type LabelSpan struct {
	Category string
	Start    int
	End      int
}

// trainEpochs and trainRate fix the optimization, so that training is a
// pure function of the corpus: same corpus, same model bytes.
var (
	trainEpochs = 9
	trainRate   = 0.08
	trainDecay  = 0.0 // share of every weight dropped after each epoch (L2)
	trainPosW   = 1.0 // weight of a positive sentence in the loss
	trainSeed   = uint64(12)
	trainRuns   = 3
	// trainDrop is the share of a sentence's word and character n-gram
	// features left out, drawn anew at each step: a sentence then teaches
	// the model through its concepts too, which a paraphrase shares,
	// rather than through its exact words alone, which it does not.
	trainDrop = 0.3
	// trainConceptEpochs are epochs run first over the concept features
	// alone: the concepts, which a paraphrase shares, take what they can
	// explain before the words, which it does not, take the rest. One such
	// epoch raised the leave-one-family-out recall of the weakest families
	// (review requests made mutual, payment asks as euphemisms, handles in
	// new words) without flagging more hard negatives.
	trainConceptEpochs = 1
)

type unit struct {
	feats    []uint32 // word features and character n-grams
	concepts []uint32 // concept features (concept.go)
	labels   uint8    // bit c: the sentence holds modelClasses[c]
}

// units splits each text into the sentences the screener scores and
// labels each sentence with the categories whose span it overlaps.
func units(exs []Labelled) []unit {
	sc := &scan{}
	var z featurizer
	var out []unit
	for _, e := range exs {
		sc.read(e.Text)
		sc.splitSentences()
		z.prev = 0
		for _, st := range sc.sents {
			if st.to <= st.from {
				z.prev = 0
				continue
			}
			z.sentence(sc, st.from, st.to)
			z.prev = z.words
			fs := z.grams()
			if len(fs) == 0 {
				continue
			}
			u := unit{feats: append([]uint32(nil), fs[:z.nConceptFrom]...), concepts: append([]uint32(nil), fs[z.nConceptFrom:z.nWordFeats]...)}
			u.feats = append(u.feats, fs[z.nWordFeats:]...)
			start, end := sc.f.origStart(sc.toks[st.from].s), sc.f.origEnd(sc.toks[st.to-1].e-1)
			for _, sp := range e.Spans {
				if sp.Start < end && start < sp.End {
					for c, name := range modelClasses {
						if name == sp.Category {
							u.labels |= 1 << c
						}
					}
				}
			}
			out = append(out, u)
		}
	}
	return out
}

// Train fits the learned layer to exs by stochastic gradient descent on
// the logistic loss, one binary classifier per category, in a fixed order
// drawn from a fixed seed, and quantizes the weights. It is deterministic:
// the same examples give the same model, byte for byte.
func Train(exs []Labelled) *Model {
	us := units(exs)
	// trainRuns runs from as many seeds, averaged: one run's weights
	// depend on the order it met the sentences in, and on unseen families
	// that order decides as much as the features do.
	w := make([]float64, modelDim*nClasses)
	var bias [nClasses]float64
	for run := range trainRuns {
		rw, rb := trainRun(us, trainSeed+uint64(run))
		for i := range w {
			w[i] += rw[i] / float64(trainRuns)
		}
		for c := range bias {
			bias[c] += rb[c] / float64(trainRuns)
		}
	}
	return quantize(w, bias)
}

// trainRun is one run of stochastic gradient descent from a seed.
func trainRun(us []unit, seed uint64) ([]float64, [nClasses]float64) {
	w := make([]float64, modelDim*nClasses)
	var bias [nClasses]float64
	order := make([]int, len(us))
	for i := range order {
		order[i] = i
	}
	r := rand.New(rand.NewPCG(seed, seed))
	var kept []uint32
	for ep := 0; ep < trainConceptEpochs+trainEpochs; ep++ {
		r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		conceptsOnly := ep < trainConceptEpochs
		lr := trainRate / (1 + float64(ep)*0.5)
		if !conceptsOnly {
			lr = trainRate / (1 + float64(ep-trainConceptEpochs)*0.5)
		}
		for _, k := range order {
			u := us[k]
			kept = kept[:0]
			for _, f := range u.feats {
				if !conceptsOnly && (trainDrop == 0 || r.Float64() >= trainDrop) {
					kept = append(kept, f)
				}
			}
			kept = append(kept, u.concepts...)
			var z [nClasses]float64
			for c := range z {
				z[c] = bias[c]
			}
			for _, f := range kept {
				row := w[int(f)*nClasses:]
				for c := range z {
					z[c] += row[c]
				}
			}
			var g [nClasses]float64
			for c := range g {
				y := float64(u.labels >> c & 1)
				p := 1 / (1 + math.Exp(-z[c]))
				g[c] = float64(lr * (y - p)) // conversions round: no fused multiply-add, same bytes on every CPU
				if y == 1 {
					g[c] = float64(g[c] * trainPosW)
				}
				bias[c] += float64(g[c] * 0.1)
			}
			for _, f := range kept {
				row := w[int(f)*nClasses:]
				for c := range g {
					row[c] += g[c]
				}
			}
		}
		if trainDecay > 0 {
			for i := range w {
				w[i] = float64(w[i] * (1 - trainDecay))
			}
		}
	}
	return w, bias
}

// quantize makes a model of float weights and biases.
func quantize(w []float64, bias [nClasses]float64) *Model {
	m := &Model{w: make([]int16, len(w))}
	for c := 0; c < nClasses; c++ {
		mx := 0.0
		for f := 0; f < modelDim; f++ {
			mx = max(mx, math.Abs(w[f*nClasses+c]))
		}
		scale := mx / 32767
		if scale == 0 {
			scale = 1
		}
		m.scale[c] = float32(scale)
		m.bias[c] = float32(bias[c])
		for f := 0; f < modelDim; f++ {
			m.w[f*nClasses+c] = int16(math.Round(w[f*nClasses+c] / scale))
		}
	}
	m.deriveCues()
	return m
}
