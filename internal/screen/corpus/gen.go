// Package corpus is the labelled screening corpus of issue 12: hand-written
// sentences in seven languages (bank_*.go), combined with varied values and
// the ways members hide them (values.go, obfuscate.go) into texts labelled
// with categories, exact byte spans, an evasion family, a language and a
// surface. Generate is deterministic; corpus.jsonl is its committed output
// (rebuild with `go run ./cmd/screentrain`). The package is pure and does
// not depend on the screening engine, so the engine can be judged by it.
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// bank maps a key to newline-separated hand-written sentences.
type bank map[string]string

func (b bank) lines(key string) []string {
	var out []string
	for _, l := range strings.Split(b[key], "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Languages of the corpus: Russian and Hindi in Latin script.
var Languages = []string{"en", "es", "pt", "fr", "de", "ru", "hi"}

var banks = map[string]bank{"en": bankEN, "es": bankES, "pt": bankPT, "fr": bankFR, "de": bankDE, "ru": bankRU, "hi": bankHI}

// Categories, as the screening engine names them (POLICY.md C1).
const (
	Email          = "contact.email"
	Phone          = "contact.phone"
	URL            = "contact.url"
	Handle         = "contact.handle"
	OffPlatform    = "payment.off_platform"
	PositiveReview = "review.positive_request"
)

// Span is where a category sits in Text: byte offsets, End exclusive, and
// the bytes themselves so a reader can check them.
type Span struct {
	Category string `json:"category"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}

// Example is one labelled text. Categories is empty for clean text; AlsoOK
// lists categories an engine may also report without it counting as a
// false positive (a payment key that is an email address).
type Example struct {
	ID         string   `json:"id"`
	Text       string   `json:"text"`
	Categories []string `json:"categories"`
	AlsoOK     []string `json:"also_ok,omitempty"`
	Spans      []Span   `json:"spans"`
	Family     string   `json:"family"`
	Language   string   `json:"language"`
	Surface    string   `json:"surface"`
}

// Negative reports whether the example is a hard negative (clean text).
func (e Example) Negative() bool { return len(e.Categories) == 0 }

// slotVal is what a family puts into a carrier sentence.
type slotVal struct {
	v, m, u, p, a, b string
	alsoOK           []string
}

type family struct {
	name, category, key string
	langs               []string // nil: all
	perLang             int
	val                 func(r *rand.Rand, lang string) slotVal
	sentence            func(r *rand.Rand, s string) string
}

var (
	contactSurfaces = []string{"message", "message", "proposal", "profile", "invitation", "job_post"}
	paySurfaces     = []string{"message", "message", "proposal", "invitation"}
	reviewSurfaces  = []string{"message", "message", "proposal"}
)

func v(f func(r *rand.Rand, lang string) string) func(r *rand.Rand, lang string) slotVal {
	return func(r *rand.Rand, lang string) slotVal { return slotVal{v: f(r, lang)} }
}

func mv(f func(r *rand.Rand, lang string) string) func(r *rand.Rand, lang string) slotVal {
	return func(r *rand.Rand, lang string) slotVal { return slotVal{m: f(r, lang)} }
}

func addr(r *rand.Rand) string { a, _, _ := email(r); return a }

func providerName(p string) string {
	n := p[:strings.IndexByte(p, '.')]
	switch n {
	case "gmail":
		return "Gmail"
	case "icloud":
		return "iCloud"
	case "gmx":
		return "GMX"
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

func handleName(r *rand.Rand) string {
	return user(r, pick(r, []string{"_", ".", "_", ""}))
}

func brand(r *rand.Rand) string { return pick(r, payBrands) }

func reviewNoun(w string) bool {
	l := strings.ToLower(w)
	for _, p := range []string{"star", "estrel", "étoil", "etoil", "stern", "zvezd", "review", "reseñ", "avalia", "avis", "bewert", "otzyv", "rating"} {
		if strings.Contains(l, p) {
			return true
		}
	}
	return false
}

var families = []family{
	// contact.email
	{name: "email.plain", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return addr(r) })},
	{name: "email.words", category: Email, key: "email", val: v(func(r *rand.Rand, l string) string { return spokenAddress(r, addr(r), l) })},
	{name: "email.brackets", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return bracketed(r, addr(r)) })},
	{name: "email.spaced_letters", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return spacedLetters(addr(r)) })},
	{name: "email.spaced_symbols", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return spacedSymbols(addr(r)) })},
	{name: "email.zero_width", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return zeroWidth(r, addr(r)) })},
	{name: "email.fullwidth", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return fullwidth(addr(r)) })},
	{name: "email.lookalike", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return lookalike(r, addr(r)) })},
	{name: "email.capital_i", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string {
		_, u, _ := email(r)
		return capitalI(u + "@" + pick(r, []string{"gmail.com", "hotmail.com", "outlook.com", "mail.ru", "protonmail.com"}))
	})},
	{name: "email.provider_named", category: Email, key: "email_provider", val: func(r *rand.Rand, _ string) slotVal {
		_, u, p := email(r)
		if !slices.Contains(providers, p) {
			p = pick(r, providers)
		}
		return slotVal{u: u, p: providerName(p), alsoOK: []string{Handle}}
	}},
	{name: "email.split", category: Email, key: "email_split", val: func(r *rand.Rand, l string) slotVal {
		_, u, p := email(r)
		if r.IntN(2) == 0 {
			p = spokenAddress(r, p, l)
		}
		return slotVal{a: u, b: p, alsoOK: []string{URL}}
	}},
	{name: "email.html_entity", category: Email, key: "email", val: v(func(r *rand.Rand, _ string) string { return htmlEntities(r, addr(r)) })},

	// contact.phone
	{name: "phone.intl", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { a, _ := phone(r, l); return a })},
	{name: "phone.national", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { _, b := phone(r, l); return b })},
	{name: "phone.dotted", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string {
		_, b := phone(r, l)
		return strings.NewReplacer(" ", ".", "-", ".", "(", "", ")", "").Replace(b)
	})},
	{name: "phone.spaced_digits", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { a, _ := phone(r, l); return spacedLetters(a) })},
	{name: "phone.words", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { _, b := phone(r, l); return digitWords(r, b, l, 100) })},
	{name: "phone.mixed", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { a, _ := phone(r, l); return digitWords(r, a, l, 50) })},
	{name: "phone.o_for_zero", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { _, b := phone(r, l); return oForZero(r, b) })},
	{name: "phone.fullwidth", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { a, _ := phone(r, l); return fullwidth(a) })},
	{name: "phone.circled", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { _, b := phone(r, l); return circled(b) })},
	{name: "phone.zero_width", category: Phone, key: "phone", val: v(func(r *rand.Rand, l string) string { a, _ := phone(r, l); return zeroWidth(r, a) })},
	{name: "phone.split", category: Phone, key: "phone_split", val: func(r *rand.Rand, l string) slotVal {
		a, _ := phone(r, l)
		k := len(a) / 2
		for a[k] != ' ' && k < len(a)-3 {
			k++
		}
		return slotVal{a: strings.TrimSpace(a[:k]), b: strings.TrimSpace(a[k:])}
	}},
	{name: "phone.repeat", category: Phone, key: "phone", langs: []string{"en", "hi"}, perLang: 24, val: v(func(r *rand.Rand, l string) string { return repeats(repeatyNumber(r), l) })},

	// contact.url
	{name: "url.plain", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string { return domain(r) })},
	{name: "url.scheme", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"https://", "http://"}) + domain(r) + pick(r, []string{"", "/", "/work", "/portfolio", "/contact"})
	})},
	{name: "url.www", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string { return "www." + domain(r) })},
	{name: "url.words", category: URL, key: "url", val: v(func(r *rand.Rand, l string) string { return spokenAddress(r, domain(r), l) })},
	{name: "url.brackets", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string { return bracketed(r, domain(r)) })},
	{name: "url.spaced_dot", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string { return strings.Replace(domain(r), ".", " . ", 1) })},
	{name: "url.fullwidth", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string { return fullwidth(domain(r)) })},
	{name: "url.zero_width", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string { return zeroWidth(r, "www."+domain(r)) })},
	{name: "url.shortener", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"bit.ly/", "tinyurl.com/", "t.ly/", "cutt.ly/", "rb.gy/"}) + wallet(r)[2:9]
	})},
	{name: "url.social_path", category: URL, key: "url", val: func(r *rand.Rand, _ string) slotVal {
		return slotVal{v: pick(r, []string{"linkedin.com/in/", "behance.net/", "dribbble.com/", "github.com/", "instagram.com/", "t.me/"}) + handleName(r), alsoOK: []string{Handle}}
	}},
	{name: "url.ideographic_dot", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string {
		return strings.ReplaceAll(domain(r), ".", pick(r, []string{"。", "．", "｡"}))
	})},
	{name: "url.defanged", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"hxxps://", "hxxp://", ""}) + strings.ReplaceAll(domain(r), ".", "[.]")
	})},
	{name: "url.capital_i", category: URL, key: "url", val: v(func(r *rand.Rand, _ string) string {
		return capitalI(pick(r, []string{"portfolio-", "lola", "pixel", "bella", "la"}) + domain(r))
	})},

	// contact.handle
	{name: "handle.colon", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, messengers) + pick(r, []string{": @", ": ", " - @", " @"}) + handleName(r)
	})},
	{name: "handle.named_id", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		h := handleName(r)
		return pick(r, []string{"Skype id " + h, "Skype live:" + h, "Discord " + h + "#" + digits(r, 4), "WeChat ID " + h, "Telegram username " + h, "Signal user " + h})
	})},
	{name: "handle.split_name", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"Whats App", "Tele gram", "Insta gram", "Dis cord", "Sky pe", "Snap chat", "We Chat"}) + pick(r, []string{": @", " @", ": "}) + handleName(r)
	})},
	{name: "handle.spaced_name", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		return spacedLetters(pick(r, []string{"Telegram", "WhatsApp", "Skype", "Discord", "Signal", "Insta"})) + " @" + handleName(r)
	})},
	{name: "handle.leet_name", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"Te1egram", "Tel3gram", "Wh4tsApp", "Whats4pp", "Sk1pe", "D1scord", "Disc0rd", "S1gnal", "1nstagram", "Vib3r"}) + pick(r, []string{": @", " @"}) + handleName(r)
	})},
	{name: "handle.lookalike", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		return lookalike(r, pick(r, messengers)) + pick(r, []string{": @", " @"}) + handleName(r)
	})},
	{name: "handle.capital_i", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"TeIegram", "SignaI", "SIack", "TELEGRAM", "SkypeIive:"}) + pick(r, []string{" @", ": @"}) + handleName(r)
	})},
	{name: "handle.abbrev", category: Handle, key: "handle", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"tg", "TG", "ig", "IG", "wa", "WA", "dc", "snap", "insta"}) + pick(r, []string{": @", " @", ": "}) + handleName(r)
	})},
	{name: "handle.move", category: Handle, key: "handle_move", val: mv(func(r *rand.Rand, _ string) string { return pick(r, messengers) })},
	{name: "handle.verb", category: Handle, key: "handle_verb", val: mv(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"WhatsApp", "Telegram", "Skype", "Viber", "Signal"})
	})},
	{name: "handle.no_messenger", category: Handle, key: "handle_nomessenger", val: v(func(r *rand.Rand, _ string) string { return "@" + handleName(r) })},
	{name: "handle.euphemism", category: Handle, key: "handle_euphemism"},
	{name: "handle.native", category: Handle, key: "handle", val: v(func(r *rand.Rand, l string) string {
		names := map[string][]string{"en": {"the gram", "Tgram", "whatsap"}, "es": {"guasap", "wasap", "el tele"}, "pt": {"zap", "zapzap", "o telegrama"},
			"fr": {"Télégram", "Whatsap", "l'insta"}, "de": {"Tele", "WhatsApp-Nr.", "Insta"}, "ru": {"telega", "vatsap", "v telege"}, "hi": {"whtsapp", "wp", "telegrm"}}[l]
		return pick(r, names) + pick(r, []string{" @", ": @", ": "}) + handleName(r)
	})},

	// payment.off_platform
	{name: "pay.method", category: OffPlatform, key: "pay_method", val: mv(func(r *rand.Rand, _ string) string { return brand(r) })},
	{name: "pay.spaced_brand", category: OffPlatform, key: "pay_method", val: mv(func(r *rand.Rand, _ string) string { return spacedLetters(brand(r)) })},
	{name: "pay.dotted_brand", category: OffPlatform, key: "pay_method", val: mv(func(r *rand.Rand, _ string) string {
		return joinedWith(strings.ReplaceAll(brand(r), " ", ""), pick(r, []string{".", "-", "_", "*"}))
	})},
	{name: "pay.leet_brand", category: OffPlatform, key: "pay_method", val: mv(func(r *rand.Rand, _ string) string {
		return leet(r, pick(r, []string{"PayPal", "Venmo", "Zelle", "Payoneer", "Skrill", "Revolut", "Western Union", "Paytm", "Transferwise"}))
	})},
	{name: "pay.capital_i", category: OffPlatform, key: "pay_method", val: mv(func(r *rand.Rand, _ string) string {
		return capitalI(pick(r, []string{"PayPal", "paypal", "Zelle", "Lydia", "Google Pay", "Skrill", "Revolut"}))
	})},
	{name: "pay.split_brand", category: OffPlatform, key: "pay_method", val: mv(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"Pay Pal", "Pay pal", "Ven mo", "Zel le", "Pay oneer", "Re volut", "Sk rill", "Transfer wise", "Money Gram", "pay-pal"})
	})},
	{name: "pay.direct", category: OffPlatform, key: "pay_direct"},
	{name: "pay.fee", category: OffPlatform, key: "pay_fee"},
	{name: "pay.outside", category: OffPlatform, key: "pay_outside"},
	{name: "pay.bank", category: OffPlatform, key: "pay_bank", val: func(r *rand.Rand, l string) slotVal {
		return slotVal{v: iban(r, l), alsoOK: []string{Email, Phone}}
	}},
	{name: "pay.crypto", category: OffPlatform, key: "pay_crypto", val: v(func(r *rand.Rand, _ string) string { return wallet(r) })},
	{name: "pay.euphemism", category: OffPlatform, key: "pay_euphemism"},
	{name: "pay.cash", category: OffPlatform, key: "pay_cash"},
	{name: "pay.giftcard", category: OffPlatform, key: "pay_giftcard"},
	{name: "pay.paraphrase", category: OffPlatform, key: "pay_paraphrase"},

	// review.positive_request
	{name: "review.five_star", category: PositiveReview, key: "review_five"},
	{name: "review.symbols", category: PositiveReview, key: "review_symbols", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"★★★★★", "⭐⭐⭐⭐⭐", "5★", "5 ★", "*****", "✩✩✩✩✩", "🌟🌟🌟🌟🌟", "5⭐"})
	})},
	{name: "review.numeric", category: PositiveReview, key: "review_numeric", val: v(func(r *rand.Rand, _ string) string {
		return pick(r, []string{"5/5", "10/10", "5 / 5", "5 of 5", "100%", "5.0", "5,0"})
	})},
	{name: "review.exchange", category: PositiveReview, key: "review_exchange"},
	{name: "review.refund", category: PositiveReview, key: "review_refund"},
	{name: "review.mutual", category: PositiveReview, key: "review_mutual"},
	{name: "review.paraphrase", category: PositiveReview, key: "review_paraphrase"},
	{name: "review.euphemism", category: PositiveReview, key: "review_euphemism"},
	{name: "review.split", category: PositiveReview, key: "review_split"},
	{name: "review.pressure", category: PositiveReview, key: "review_pressure"},
	{name: "review.leet", category: PositiveReview, key: "review_five", sentence: func(r *rand.Rand, s string) string {
		ws := strings.Split(s, " ")
		for i, w := range ws {
			if reviewNoun(w) || r.IntN(4) == 0 {
				ws[i] = leet(r, w)
			}
		}
		return strings.Join(ws, " ")
	}},
	{name: "review.spaced", category: PositiveReview, key: "review_five", sentence: func(r *rand.Rand, s string) string {
		ws := strings.Split(s, " ")
		for i, w := range ws {
			if reviewNoun(w) {
				ws[i] = joinedWith(strings.TrimRight(w, ".,?!"), pick(r, []string{" ", ".", "-"})) + w[len(strings.TrimRight(w, ".,?!")):]
			}
		}
		return strings.Join(ws, " ")
	}},
}

// negFamilies are the hard negatives: honest text full of the cues.
var negFamilies = []struct {
	name, key string
	surfaces  []string
}{
	{"neg.payment_integration", "neg_payment_integration", []string{"job_post", "job_post", "job_post", "proposal", "profile"}},
	{"neg.prices", "neg_prices", []string{"proposal", "message", "job_post"}},
	{"neg.invoice", "neg_invoice", []string{"message"}},
	{"neg.code", "neg_code", []string{"message", "job_post", "proposal"}},
	{"neg.business_address", "neg_address", []string{"profile", "job_post", "message"}},
	{"neg.through_platform", "neg_through_platform", []string{"message", "proposal", "invitation"}},
	{"neg.honest_review", "neg_honest_review", []string{"message", "proposal"}},
	{"neg.tech_names", "neg_tech_names", []string{"profile", "proposal", "job_post"}},
	{"neg.dates_versions", "neg_dates_versions", []string{"message", "job_post", "profile"}},
	{"neg.messenger_dev", "neg_messenger_dev", []string{"job_post", "proposal", "profile"}},
	{"neg.email_dev", "neg_email_dev", []string{"job_post", "proposal"}},
	{"neg.meeting", "neg_meeting", []string{"message", "invitation"}},
	{"neg.crypto_dev", "neg_crypto_dev", []string{"job_post", "proposal"}},
	{"neg.files", "neg_files", []string{"message"}},
	{"neg.review_describe", "neg_review_describe", []string{"profile", "proposal"}},
	{"neg.general", "neg_general", []string{"message", "proposal", "invitation"}},
	{"neg.platform_terms", "neg_platform_terms", []string{"message", "proposal"}},
	{"neg.review_talk", "neg_review_talk", []string{"message", "proposal", "job_post"}},
	{"neg.app_talk", "neg_app_talk", []string{"message", "job_post", "profile", "proposal"}},
	{"neg.transfers", "neg_transfers", []string{"message", "proposal"}},
	{"neg.short", "neg_short", []string{"message", "invitation"}},
}

// Families lists the evasion families of each category, and of the hard
// negatives under "".
func Families() map[string][]string {
	out := map[string][]string{}
	for _, f := range families {
		out[f.category] = append(out[f.category], f.name)
	}
	for _, f := range negFamilies {
		out[""] = append(out[""], f.name)
	}
	return out
}

// compose writes fillers around the carrier and returns the text and the
// carrier's offset in it.
func compose(r *rand.Rand, lang, carrier string) (string, int) {
	fill := banks[lang].lines("filler")
	var before, after string
	switch r.IntN(10) {
	case 0, 1, 2:
		before = pick(r, fill) + pick(r, []string{" ", " ", "\n"})
	case 3, 4:
		after = pick(r, []string{" ", "\n"}) + pick(r, fill)
	case 5:
		before = pick(r, fill) + " "
		after = " " + pick(r, fill)
	}
	return before + carrier + after, len(before)
}

// put replaces slot {name} in s with val and returns the new string and
// where val starts, or -1 when s has no such slot.
func put(s, name, val string) (string, int) {
	i := strings.Index(s, "{"+name+"}")
	if i < 0 {
		return s, -1
	}
	return s[:i] + val + s[i+len(name)+2:], i
}

// Generate builds the corpus. The same seed gives the same corpus.
func Generate(seed uint64) []Example {
	r := rand.New(rand.NewPCG(seed, 12))
	var out []Example
	seen := map[string]bool{}
	for _, f := range families {
		langs := f.langs
		if langs == nil {
			langs = Languages
		}
		per := f.perLang
		if per == 0 {
			per = 8
		}
		surfaces := contactSurfaces
		switch f.category {
		case OffPlatform:
			surfaces = paySurfaces
		case PositiveReview:
			surfaces = reviewSurfaces
		}
		for _, lang := range langs {
			carriers := banks[lang].lines(f.key)
			if len(carriers) == 0 {
				panic("no sentences for " + f.key + " in " + lang)
			}
			made := 0
			for try := 0; made < per && try < per*20; try++ {
				c := pick(r, carriers)
				var sv slotVal
				if f.val != nil {
					sv = f.val(r, lang)
				}
				start, end := -1, -1
				mark := func(name, val string) {
					var i int
					if c, i = put(c, name, val); i >= 0 {
						if start < 0 || i < start {
							start = i
						}
						end = max(end, i+len(val))
					}
				}
				// Slots are filled left to right so offsets stay valid.
				for _, s := range []struct{ n, v string }{{"u", sv.u}, {"a", sv.a}, {"v", sv.v}, {"m", sv.m}} {
					if s.v != "" {
						mark(s.n, s.v)
					}
				}
				if sv.p != "" {
					mark("p", sv.p)
				}
				if sv.b != "" {
					mark("b", sv.b)
				}
				if strings.Contains(c, "{") {
					continue // the sentence wants a slot this family does not fill
				}
				if f.sentence != nil {
					c = f.sentence(r, c)
				}
				text, off := compose(r, lang, c)
				if seen[text] {
					continue
				}
				seen[text] = true
				if start < 0 || f.category == OffPlatform || f.category == PositiveReview {
					start, end = 0, len(c)
				}
				sp := Span{Category: f.category, Start: off + start, End: off + end}
				sp.Text = text[sp.Start:sp.End]
				out = append(out, Example{Text: text, Categories: []string{f.category}, AlsoOK: sv.alsoOK,
					Spans: []Span{sp}, Family: f.name, Language: lang, Surface: pick(r, surfaces)})
				made++
			}
		}
	}
	for _, f := range negFamilies {
		for _, lang := range Languages {
			lines := banks[lang].lines(f.key)
			made := 0
			for try := 0; made < 28 && try < 600; try++ {
				k := r.IntN(len(lines))
				s := fill(r, lines[k], lang, f.name)
				if r.IntN(3) == 0 && len(lines) > 1 {
					s += " " + fill(r, lines[(k+1+r.IntN(len(lines)-1))%len(lines)], lang, f.name)
				}
				text, _ := compose(r, lang, s)
				if seen[text] {
					continue
				}
				seen[text] = true
				out = append(out, Example{Text: text, Categories: []string{}, Spans: []Span{}, Family: f.name,
					Language: lang, Surface: pick(r, f.surfaces)})
				made++
			}
		}
	}
	for i := range out {
		out[i].ID = fmt.Sprintf("c%05d", i+1)
	}
	return out
}

// JSONL renders examples one JSON object a line, the form of corpus.jsonl.
func JSONL(exs []Example) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, e := range exs {
		if err := enc.Encode(e); err != nil {
			panic(err)
		}
	}
	return b.Bytes()
}

// Parse reads corpus.jsonl.
func Parse(data []byte) ([]Example, error) {
	var out []Example
	for i, l := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		var e Example
		if err := json.Unmarshal(l, &e); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
}
