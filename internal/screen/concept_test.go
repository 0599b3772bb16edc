package screen

import "testing"

// conceptsOf returns the concepts of the first sentence of text, as the
// learned layer reads them with the embedded model.
func conceptsOf(t *testing.T, text string) uint64 {
	t.Helper()
	sc := &scan{}
	sc.read(text)
	sc.splitSentences()
	var z featurizer
	st := sc.sents[0]
	z.infer(EmbeddedModel(), sc, st.from, st.to)
	return sentenceConcepts(z.concept)
}

// TestConcepts pins the concept classes the learned layer reads: words in
// the seven languages, stems, and the marks between words.
func TestConcepts(t *testing.T) {
	for _, c := range []struct {
		text      string
		has, lack uint64
	}{
		{"Just move the money to me yourself.", 1<<cMoney | 1<<cTransfer | 1<<cSelf | 1<<cDirect, 1 << cReview},
		{"Envíamelo a mi cuenta.", 1<<cTransfer | 1<<cSelf | 1<<cAccount, 0},                        // stem envia*
		{"Überweisen Sie die Anzahlung auf mein Konto.", 1<<cTransfer | 1<<cMoney | 1<<cAccount, 0}, // uberwei*
		{"Ostavte polozhitelnyj otzyv, pozhalujsta.", 1<<cReview | 1<<cGood | 1<<cAsk, 0},
		{"Please rate me 5/5.", 1<<cTopScore | 1<<cGood | 1<<cReview, 0},
		{"Only ★★★★★ please.", 1<<cTopScore | 1<<cReview, 0},
		{"Give me 5 stars.", 1<<cFive | 1<<cGood | 1<<cReview, 0},
		{"It costs 5 dollars.", 1 << cFive, 1 << cGood},
		{"Deposit the balance to 5955 8988 3206 3480.", 1 << cDigits, 0},
		{"Search for @jane_doe88 on the app with the paper plane.", 1<<cAtName | 1<<cApp | 1<<cIcon | 1<<cMessenger, 0},
		{"No need for the contract, send it to my account.", 1 << cNoVenue, 0},
		{"I never work outside the platform.", 0, 1 << cNoVenue},
		{"I have over 30 five-star reviews here.", 1<<cHave | 1<<cReview | 1<<cGood | 1<<cUnaddressed, 0},
		{"Would you mind leaving a review?", 1<<cReview | 1<<cAsk | 1<<cYou, 1<<cGood | 1<<cUnaddressed},
		{"Am Ende kommt eine kurze Umfrage.", 1 << cForm, 1 << cReview},
		{"Let's talk on the green app.", 1<<cColourApp | 1<<cMessenger, 0},
		{"Pishite v zelenoe prilozhenie.", 1<<cColourApp | 1<<cMessenger, 0},
		{"The green button in the app is hard to see.", 1<<cColour | 1<<cApp, 1<<cColourApp | 1<<cMessenger},
		{"U Telegram-kanala brenda 40 tysyach podpischikov.", 1<<cTech | 1<<cMessenger, 0},
		{"My profile shows 20 reviews, most of them five stars.", 1 << cHave, 0},
		{"Use @mentions in Slack to reach the team.", 1 << cMessenger, 1 << cAtName},
		{"Otmette vse na maksimum za menya.", 1<<cAsk | 1<<cGood | 1<<cSelf, 0},
		{"Mein Nutzername überall ist @julia5816, suchen Sie mich.", 1<<cName | 1<<cAtName | 1<<cContact, 0},
		{"Mon dernier client m'a donné 5 étoiles.", 1 << cHave, 1 << cAsk},
	} {
		got := conceptsOf(t, c.text)
		if got&c.has != c.has || got&c.lack != 0 {
			t.Errorf("%q: concepts %b, want %b set and %b clear", c.text, got, c.has, c.lack)
		}
	}
	// A sentence that asks for the best of something without naming it
	// is about the rating the sentence before names.
	if got := inherit(1<<cAsk|1<<cGood, 1<<cReview); got&(1<<cReview) == 0 {
		t.Error("inherit: 'Please pick the highest one' after 'a rating form' is not about the rating")
	}
	if got := inherit(1<<cAsk|1<<cGood, 1<<cForm); got&(1<<cReview) == 0 {
		t.Error("inherit: 'Tick the maximum for me' after 'a short survey at the end' is not about the rating")
	}
	if got := inherit(1<<cAsk|1<<cGood, 1<<cMoney); got&(1<<cReview) != 0 {
		t.Error("inherit: a rating carried over from a sentence that names none")
	}
}

// TestLearnedReviewVetoes pins the readings that keep the learned layer's
// review requests to good ratings asked for: a review asked for with no
// good rating named, and a record described, are left alone.
func TestLearnedReviewVetoes(t *testing.T) {
	s := New()
	for text, want := range map[string]bool{
		"Would you mind leaving a review once the contract ends?":      false,
		"I have over 30 five-star reviews on this platform.":           false,
		"My last client gave me 5 stars for a similar logo.":           false,
		"Please say only good things about me in the feedback.":        true,
		"You will see a rating form. Please pick the highest one.":     true,
		"There is a short survey at the end. Tick the maximum for me.": true,
		"Anything less than five stars will get me suspended, sadly.":  true,
	} {
		got := false
		for _, f := range s.Screen(text, "message") {
			got = got || f.Category == PositiveReview
		}
		if got != want {
			t.Errorf("%q: review request %v, want %v", text, got, want)
		}
	}
}

// TestAccountGiven pins the account number given to be paid into, which
// the learned layer reports whatever the model says.
func TestAccountGiven(t *testing.T) {
	s := New()
	for text, want := range map[string]bool{
		"Nomer moego scheta 5836 7762 2242 1288, otpravte tuda.":    true,
		"Mi número de cuenta es ES72 2644 1927 0447 9781 52.":       true,
		"Our Stripe account 12345678 handles the API integration.":  false,
		"My account number is not 1234 5678 9012, that one is old.": false,
		"Invoice 20240012 is attached for the March work.":          false,
	} {
		got := false
		for _, f := range s.Screen(text, "message") {
			got = got || f.Category == OffPlatform
		}
		if got != want {
			t.Errorf("%q: payment asked for %v, want %v", text, got, want)
		}
	}
}

// TestOutsideInSevenLanguages pins the payments rule "outside the
// platform" in the languages of the corpus, and its negations.
func TestOutsideInSevenLanguages(t *testing.T) {
	s := New()
	for text, want := range map[string]bool{
		"Cerremos el trato fuera de esta página.":            true,
		"Machen wir die Zahlung außerhalb der Plattform.":    true,
		"Concluons l'affaire hors de ce site.":               true,
		"Nunca trabajo fuera de la plataforma.":              false,
		"Ich arbeite nie außerhalb der Plattform.":           false,
		"Je ne travaille jamais en dehors de la plateforme.": false,
	} {
		got := false
		for _, f := range s.Screen(text, "message") {
			got = got || f.Category == OffPlatform
		}
		if got != want {
			t.Errorf("%q: payment outside %v, want %v", text, got, want)
		}
	}
}

// TestNameGiven pins the @name given as the writer's name to be found by,
// with no messenger named, and its exact span.
func TestNameGiven(t *testing.T) {
	s := New()
	for text, want := range map[string]string{
		"My username everywhere is @vsilva716, look me up.":   "@vsilva716",
		"Moj nik vezde @greta_hoffmann, ishchite.":            "@greta_hoffmann",
		"Use @mentions in Slack to reach the team.":           "",
		"The bot replies to @username commands in the group.": "",
	} {
		got := ""
		for _, f := range s.Screen(text, "message") {
			if f.Category == Handle {
				got = text[f.Start:f.End]
			}
		}
		if got != want {
			t.Errorf("%q: handle %q, want %q", text, got, want)
		}
	}
}

// TestFeeAvoidedInSevenLanguages pins the payments rule "avoid the fee" in
// the languages of the corpus.
func TestFeeAvoidedInSevenLanguages(t *testing.T) {
	s := New()
	for text, want := range map[string]bool{
		"Saltemos la comisión de la plataforma y te bajo la tarifa.": true,
		"Die Provision können wir umgehen, wenn Sie selbst zahlen.":  true,
		"No podemos evitar la comisión de la plataforma.":            false,
	} {
		got := false
		for _, f := range s.Screen(text, "message") {
			got = got || f.Category == OffPlatform
		}
		if got != want {
			t.Errorf("%q: fee avoided %v, want %v", text, got, want)
		}
	}
}
