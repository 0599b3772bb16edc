package screen

import "testing"

// TestSurfaceThresholds pins the reading of issue 12: a job post or a
// profile about payment or messenger work needs more of the model than a
// message before it counts as a payment ask or a handle.
func TestSurfaceThresholds(t *testing.T) {
	for c, name := range modelClasses {
		for _, s := range []string{"job_post", "profile"} {
			if threshold(s, c) < threshold("message", c) {
				t.Errorf("%s on %s: threshold %.3f below a message's %.3f", name, s, threshold(s, c), threshold("message", c))
			}
		}
	}
	if off := classIndex(OffPlatform); threshold("job_post", off) <= threshold("message", off) {
		t.Error("a job post should need more than a message to be a payment ask")
	}
}

// TestEmbeddedModelLoads checks that the embedded model decodes and that
// New uses it.
func TestEmbeddedModelLoads(t *testing.T) {
	if EmbeddedModel() == nil || New().model == nil {
		t.Fatal("no embedded model: run go run ./cmd/screentrain")
	}
	if (&Model{}).UnmarshalBinary([]byte("nope")) == nil {
		t.Fatal("a short file decoded as a model")
	}
}
