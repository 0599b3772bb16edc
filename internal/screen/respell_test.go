package screen

import "testing"

// TestRespell checks that brand names written apart, cut in two or with a
// capital I for an l are read as the brand, that honest text is left as it
// is, and that a finding over a respelled brand spans exactly what was
// written.
func TestRespell(t *testing.T) {
	for text, want := range map[string]string{
		"Págame por V e n m o y empiezo.":            "pagame por venmo y empiezo.",
		"Can you do Zel le instead?":                 "can you do zelle instead?",
		"Send it to my SkriII today.":                "send it to my skrill today.",
		"Me paga via C-a-s-h-A-p-p agora.":           "me paga via cashapp agora.",
		"Only W_e_s_t_e_r_n_U_n_i_o_n, thanks.":      "only westernunion, thanks.",
		"Add me on S k y p e @klaus9259 please.":     "add me on skype @klaus9259 please.",
		"Find me at We Chat @ivan_fernandez.":        "find me at wechat @ivan_fernandez.",
		"Agrégame en SIack: @chloe_wagner22.":        "agregame en slack: @chloe_wagner22.",
		"We chat every day about the API and the UI": "we chat every day about the api and the ui",
		"I think I can do it, a b c d e.":            "i think i can do it, a b c d e.",
		"Pay me by cash app or western union.":       "pay me by cash app or western union.",
		"THE SKRIII BAND plays on Friday.":           "the skriii band plays on friday.",
	} {
		var sc scan
		sc.read(text)
		if got := string(sc.f.b); got != want {
			t.Errorf("read(%q) folded to %q, want %q", text, got, want)
		}
	}
	s := New()
	for text, span := range map[string]string{
		"I'm on Insta gram @klaus.ivanova, message me.": "Insta gram @klaus.ivanova",
		"Agrégame en SIack: @chloe_wagner22 y hablamos": "SIack: @chloe_wagner22",
		"I only accept W_e_s_t_e_r_n_U_n_i_o_n here.":   "W_e_s_t_e_r_n_U_n_i_o_n",
	} {
		fs := s.Screen(text, "message")
		if len(fs) != 1 || fs[0].Text != span || text[fs[0].Start:fs[0].End] != span {
			t.Errorf("Screen(%q) = %+v, want one finding over %q", text, fs, span)
		}
	}
}
