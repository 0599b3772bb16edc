package screeneval

import (
	"bytes"
	"strings"
	"testing"

	"standing/internal/screen"
	"standing/internal/screen/corpus"
)

// TestModelReproducible retrains the learned layer from the corpus and
// checks that it is the embedded model byte for byte: the model in the
// repository is the one `go run ./cmd/screentrain` makes.
func TestModelReproducible(t *testing.T) {
	want, err := screen.EmbeddedModel().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got, err := screen.Train(Labelled(corpus.Generate(1))).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("retrained model differs from internal/screen/model.bin: run go run ./cmd/screentrain and commit")
	}
}

// lofoFloor is the leave-one-family-out worst family F1 per category the
// engine reached when this test was written, rounded down; lofoMaxNegFP
// the share of hard negatives flagged then, rounded up. The test fails
// when a change makes the engine generalize worse than that.
var lofoFloor = map[string]float64{
	screen.Email:          0.92,
	screen.Phone:          0.98,
	screen.URL:            0.96,
	screen.Handle:         0.81,
	screen.OffPlatform:    0.68,
	screen.PositiveReview: 0.68,
}

var lofoMedianFloor = map[string]float64{
	screen.Email:          0.99,
	screen.Phone:          0.99,
	screen.URL:            0.99,
	screen.Handle:         0.97,
	screen.OffPlatform:    0.98,
	screen.PositiveReview: 0.86,
}

const lofoMaxNegFP = 0.0030

// TestLOFOFloor runs the leave-one-family-out evaluation (two to three
// minutes on two cores: 98 models, each averaged over three runs; skipped
// with -short).
func TestLOFOFloor(t *testing.T) {
	if testing.Short() {
		t.Skip("leave-one-family-out evaluation skipped with -short")
	}
	exs := corpus.Generate(1)
	rep := Evaluate(exs, LOFO(exs, false))
	var b bytes.Buffer
	rep.Print(&b, false)
	t.Log("\n" + b.String())
	for _, c := range Categories {
		if w := rep.Worst(c); w.F1 < lofoFloor[c]-1e-6 {
			t.Errorf("%s: worst family F1 %.3f (%s) below %.2f", c, w.F1, w.Name, lofoFloor[c])
		}
		if m := rep.Median(c); m < lofoMedianFloor[c]-1e-6 {
			t.Errorf("%s: median family F1 %.3f below %.2f", c, m, lofoMedianFloor[c])
		}
	}
	if rep.NegFP > lofoMaxNegFP {
		t.Errorf("hard negatives flagged %.2f%%, above %.1f%%", 100*rep.NegFP, 100*lofoMaxNegFP)
	}
}

// TestPrintMisses: a violation found in another category only, and a hard
// negative flagged, are listed under their family; what was right is not.
func TestPrintMisses(t *testing.T) {
	exs := []corpus.Example{
		{Text: "pay me by zelle", Categories: []string{screen.OffPlatform}, Family: "pay.direct", Language: "en", Surface: "message"},
		{Text: "venmo me", Categories: []string{screen.OffPlatform}, Family: "pay.direct", Language: "en", Surface: "message"},
		{Text: "PayPal checkout work", Family: "neg.payment_integration", Language: "en", Surface: "job_post"},
		{Text: "call 555", Categories: []string{screen.Phone}, Family: "phone.words", Language: "en", Surface: "message"},
	}
	preds := Predictions{{screen.OffPlatform}, {screen.Handle}, {screen.OffPlatform}, nil}
	var b bytes.Buffer
	PrintMisses(&b, exs, preds, "pay.")
	if got, want := b.String(), "pay.direct: 1 of 2 right\n  [en message] \"venmo me\" found [contact.handle]\n"; got != want {
		t.Fatalf("pay.:\n%s\nwant\n%s", got, want)
	}
	b.Reset()
	PrintMisses(&b, exs, preds, "neg.")
	if got := b.String(); !strings.Contains(got, "0 of 1 right") || !strings.Contains(got, "PayPal checkout work") {
		t.Fatalf("neg.:\n%s", got)
	}
}
