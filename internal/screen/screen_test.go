package screen_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"standing/internal/screen"
)

// cases are written here, beyond the shared dev set: other values, other
// obfuscations, other languages, and honest text that must stay quiet.
var cases = []struct {
	text string
	want []string // categories, in any order; nil: nothing
	norm string   // normalized value of the first finding, if checked
}{
	{"john dot smith at gmail dot com", []string{screen.Email}, "john.smith@gmail.com"},
	// A provider named as the member's, or after "in your" (issue 12).
	{"Mein Web ist pablo.lopez94, schreiben Sie mir dort.", []string{screen.Email}, "pablo.lopez94@web.com"},
	{"Agrega a pdoe399 en tu Aol y lo vemos.", []string{screen.Email}, "pdoe399@aol.com"},
	{"My web is slow today and the mail app keeps crashing.", nil, ""},
	// An address cut in two with a domain of the member's own, after a word
	// for email (issue 12); a site named after an email word is not one.
	{"Mi correo empieza con lucia.gomez77. Lo demás es gomez-studio punto dev.", []string{screen.Email}, "lucia.gomez77@gomez-studio.dev"},
	{"Email me the logo v2 when ready. Our site is acme-design.com.", []string{screen.URL}, ""},
	{"j.o.h.n.s.m.i.t.h＠ｇｍａｉｌ．ｃｏｍ", []string{screen.Email}, "j.o.h.n.s.m.i.t.h@gmail.com"},
	// The platform refused as the way to pay, with a price or a payment.
	{"My fee is lower if we don't go through the site.", []string{screen.OffPlatform}, "off_platform"},
	{"Let's not pay through Upwork this time, I'll give you a discount", []string{screen.OffPlatform}, "off_platform"},
	{"I can't pay through the site right now, my card fails. Don't worry, payment goes through the platform.", nil, ""},
	// An l or a capital I for a one inside a number; a processor's name is none.
	{"my cell is 9l7 555 0l92", []string{screen.Phone}, "9175550192"},
	{"Ryzen 7 5800 vs i7 12700, 10l of coolant", nil, ""},
	// "plus" spoken for the "+" of a phone, which is no handle.
	{"add me on whatsapp: plus four four seven seven zero zero nine one two three four", []string{screen.Handle, screen.Phone}, "whatsapp"},
	{"plus 200 dollars. The last part is 450 120", nil, ""},
	// A messenger the work uses with customers or a team is no contact.
	{"Looking for a VA to chat with our customers on WhatsApp.", nil, ""},
	{"I communicate with clients over Slack and Zoom daily.", nil, ""},
	// "at" and "dot" glued into the address in capitals or between underscores.
	{"write janeATprotonDOTme today", []string{screen.Email}, "jane@proton.me"},
	{"or mikeATgmail.com", []string{screen.Email}, "mike@gmail.com"},
	{"mike_at_gmail_dot_com please", []string{screen.Email}, "mike@gmail.com"},
	{"Set config_at_startup_dot_env; the WHATDOTcom heATwave is over.", nil, ""},
	// A mail provider spelled out letter by letter, with no domain after it.
	{"Reach me: p.e.d.r.o.g at y.a.h.o.o", []string{screen.Email}, "p.e.d.r.o.g@yahoo.com"},
	{"ana_b at h o t m a i l, write anytime", []string{screen.Email}, "ana_b@hotmail.com"},
	{"We met at the hot mail room; the proton beam data is at ya hoo answers.", nil, ""},
	{"write me: mаrіа.lopez@gmаil.com", []string{screen.Email}, "maria.lopez@gmail.com"}, // Cyrillic а and і
	{"my mail is k\u200bi\u200bm\u200b@\u200by\u200ba\u200bh\u200bo\u200bo\u200b.\u200bc\u200bo\u200bm", []string{screen.Email}, "kim@yahoo.com"},
	{"mail me at dev_ops-42 (at) fastmail (dot) com", []string{screen.Email}, "dev_ops-42@fastmail.com"},
	{"4 1 5 five five five 2671", []string{screen.Phone}, "+14155552671"},
	{"call me: four one five, five five five, two six seven one", []string{screen.Phone}, ""},
	{"my number is 6five0 2five3 0000", []string{screen.Phone}, ""},
	{"hit me up at 07911 123456", []string{screen.Phone}, ""},
	{"email me at jane dot doe at gmail", []string{screen.Email}, "jane.doe@gmail.com"},
	{"I worked at Yahoo and at Google for years", nil, ""},
	{"@janedoe on insta", []string{screen.Handle}, "instagram:janedoe"},
	{"my cash app is $janedoe", []string{screen.OffPlatform}, ""},
	{"pay through western union", []string{screen.OffPlatform}, ""},
	{"Let's connect on LinkedIn", []string{screen.Handle}, "linkedin"},
	{"Steps one, two, three, four and five are done.", nil, ""},
	{"The project takes 4-6 weeks, budget 5000-7000 USD", nil, ""},
	{"Rank the items 1 2 3 4 5 6 7 8 9 10 in order", nil, ""},
	{"Sizes 8 10 12 14 16 18 20 available", nil, ""},
	{"one two three four five six seven steps to success", nil, ""},
	{"call 555-1234 after lunch", []string{screen.Phone}, "5551234"}, // a local number, named by "call"
	{"call 415 555-1234 after lunch", []string{screen.Phone}, ""},
	{"Can we do this off the books? I'll give you a better rate", []string{screen.OffPlatform}, ""},
	{"Let's skip the middleman and work directly, cheaper for both", []string{screen.OffPlatform}, ""},
	{"My Venmo is @jane-doe-22", []string{screen.OffPlatform}, "venmo"},
	{"Bitcoin address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", []string{screen.OffPlatform}, "bitcoin_address"},
	{"Send USDT (TRC20) to my wallet", []string{screen.OffPlatform}, "usdt"},
	{"paypal.me/janedoe", []string{screen.URL, screen.OffPlatform}, "paypal.me"},
	{"I'm happy to be paid through Upwork escrow", nil, ""},
	{"We integrated Venmo payouts into the app", nil, ""},
	{"commit 3f2a9c1e0b7d4a6f8e5c2b1a0d9e8f7c6b5a4d3e fixed it", nil, ""},
	{"Rate me highly please", []string{screen.PositiveReview}, ""},
	{"five star review = 20% discount on next order", []string{screen.PositiveReview}, ""},
	{"Could you mark the job as complete and leave 5*?", []string{screen.PositiveReview}, ""},
	// A number spoken digit by digit is not a star rating (V7): the learned
	// layer read "five five five" as "five stars" and struck honest members.
	{"Bonjour. call me on four one five, five five five, 236", nil, ""},
	{"my order number is nine eight seven, six five four, three two one", nil, ""},
	{"Would you mind leaving a review? Thanks!", nil, ""},
	{"visit janedoe .com for more", []string{screen.URL}, "janedoe.com"},
	{"j o h n (at) g m a i l (dot) c o m", []string{screen.Email}, "john@gmail.com"},
	{"ping john@gmail", []string{screen.Email}, "john@gmail.com"},
	{"pay me in cash when we meet", []string{screen.OffPlatform}, "cash"},
	{"Our cash flow forecast is in the sheet", nil, ""},
	{"WhatsApp: wa.me/4915112345678", []string{screen.Handle, screen.URL}, ""},
	{"my handle on telegram is janedoe", []string{screen.Handle}, "telegram:janedoe"},
	{"Options a b c and d are listed.", nil, ""},
	{"Use the A.B.C. method, e.g. for U.S. clients.", nil, ""},
	{"jane.doe @ gmail . com", []string{screen.Email}, "jane.doe@gmail.com"},
	{"jane.doe(@)gmail.com", []string{screen.Email}, "jane.doe@gmail.com"},
	{"tg: @janedoe", []string{screen.Handle}, "telegram:janedoe"},
	{"whatsapp me", []string{screen.Handle}, "whatsapp"},
	{"lets talk on whats app", []string{screen.Handle}, "whatsapp"},
	{"I am an expert .NET and ASP .NET Core developer.", nil, ""},
	{"The end . Com is short for company", nil, ""},
	{"He left me a 1 star review unfairly", nil, ""},
	{"my cell is 4o5-555-o199", []string{screen.Phone}, ""},
	{"llámame al seis uno dos tres cuatro cinco seis siete ocho", []string{screen.Phone}, "612345678"},
	{"ruf mich an: null eins sieben sechs eins zwei drei vier fünf sechs", []string{screen.Phone}, ""},
	{"appelle-moi au zéro six un deux trois quatre cinq six sept huit", []string{screen.Phone}, ""},
	{"WhatsApp: +55 11 98765-4321", []string{screen.Phone}, "+5511987654321"},
	{"my number 1️⃣5️⃣5️⃣5️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣", []string{screen.Phone}, ""},
	{"reach me: ①②③-④⑤⑥-⑦⑧⑨⓪", []string{screen.Phone}, ""},
	{"call ٠٥٥١٢٣٤٥٦٧", []string{screen.Phone}, ""},
	{"double five five two three four one two", []string{screen.Phone}, ""},
	{"find me on telegram: @dev_guru", []string{screen.Handle}, "telegram:dev_guru"},
	{"add me on Discord, I'm there all day", []string{screen.Handle}, "discord"},
	{"visit portfolio-site dot io", []string{screen.URL}, "portfolio-site.io"},
	{"https://dribbble.com/shots/123-logo", []string{screen.URL}, "dribbble.com"},
	{"Kindly pay via Payoneer so we avoid Upwork's cut", []string{screen.OffPlatform}, ""},
	// Found since the learned layer: Spanish for "I'd rather you paid me by PayPal directly".
	{"Prefiero que me pagues por PayPal directamente", []string{screen.OffPlatform}, ""},
	{"I'll give you a discount if you leave a glowing review", []string{screen.PositiveReview}, ""},

	// Honest text.
	{"Price is $1,250.00 per milestone, 3 milestones, due 2025-03-01.", nil, ""},
	{"I have 7 years of experience and 120 five-star reviews.", nil, ""},
	{"Upgraded from Angular 1.7.9 to 17.3.0; node 20.11.1.", nil, ""},
	{"Order #123456789 shipped, tracking 1Z999AA10123456784.", nil, ""},
	{"Tracking number 9400 1000 0000 0000 0000 00", nil, ""},
	{"ISBN 0-306-40615-2 and ISBN 978-0-306-40615-7", nil, ""},
	{"Office at 40.7128° N, 74.0060° W; meeting at 3:30pm.", nil, ""},
	{"Server 192.168.100.200 runs on port 8080.", nil, ""},
	{"I built Stripe and PayPal payment integrations with webhooks.", nil, ""},
	{"Please pay through the platform, not outside it.", nil, ""},
	{"Never pay outside the platform, it is against the rules.", nil, ""},
	{"Please leave an honest review when we finish.", nil, ""},
	{"The dot product at each layer uses 4096 dimensions.", nil, ""},
	{"Look at google.com's style guide for reference", []string{screen.URL}, "google.com"},
	{"Experienced with ASP.NET MVC, VB.NET and Node.js.", nil, ""},
	{"We met at the Berlin meetup, I work at Siemens.", nil, ""},
	{"Delivery in 3 to 5 days, 2 revisions, 1080p at 60fps.", nil, ""},
	{"Skype for Business and Microsoft Teams admin, WhatsApp Business API.", nil, ""},
	{"Telefonnummer-Validierung für 10 Länder gebaut.", nil, ""},
	{"我的作品集在附件里，谢谢。", nil, ""},
	// Russian in Cyrillic reads as members transliterate it; Cyrillic
	// letters inside a Latin word stay look-alikes.
	{"Давайте продолжим в телеграме, так удобнее.", []string{screen.Handle}, ""},
	{"Мой ник в дискорде ivan_dev", []string{screen.Handle}, "discord:ivan_dev"},
	{"Созвонимся по скайпу вечером?", []string{screen.Handle}, ""},
	{"Оплата через пейпал или криптой, без комиссии.", []string{screen.OffPlatform}, ""},
	{"Я делаю ботов для Телеграма и сайтов. Люблю вестерны и киви.", nil, ""},
	{"Переведите оплату на мою карту, без комиссии сайта.", []string{screen.OffPlatform}, ""},
	{"Поставьте мне пять звёзд, пожалуйста.", []string{screen.PositiveReview}, ""},
	{"Моя почта olga.smirnova собака yandex точка ru", []string{screen.Email}, "olga.smirnova@yandex.ru"},
	{"пишите на olga.smirnova@gmail.сом", []string{screen.Email}, "olga.smirnova@gmail.com"},
	{"Оплата через платформу, как обычно.", nil, ""},
	{"Оставьте, пожалуйста, честный отзыв о работе.", nil, ""},
	{"The wire frames and the Swift app are ready.", nil, ""},
	{"I accept the terms and will deliver Friday.", nil, ""},
	{"Measurements: 120 x 240 x 360 mm, weight 1500 g.", nil, ""},
}

func categories(fs []screen.Finding) map[string]bool {
	m := map[string]bool{}
	for _, f := range fs {
		m[f.Category] = true
	}
	return m
}

func TestScreenCases(t *testing.T) {
	s := screen.New()
	for _, c := range cases {
		got := s.Screen(c.text, "message")
		cats := categories(got)
		want := map[string]bool{}
		for _, w := range c.want {
			want[w] = true
		}
		if !reflect.DeepEqual(cats, want) {
			t.Errorf("%q: got %v, want %v (%+v)", c.text, cats, c.want, got)
			continue
		}
		if c.norm != "" && got[0].Normalized != c.norm {
			t.Errorf("%q: normalized %q, want %q", c.text, got[0].Normalized, c.norm)
		}
		for _, f := range got {
			if c.text[f.Start:f.End] != f.Text {
				t.Errorf("%q: span %d-%d is %q, text %q", c.text, f.Start, f.End, c.text[f.Start:f.End], f.Text)
			}
		}
	}
}

// TestSpansMapToOriginalC4 checks that spans index the original bytes even
// through multi-byte and invisible characters.
func TestSpansMapToOriginalC4(t *testing.T) {
	text := "Ｈｉ！ mail: ｔｏｍ＠ｅｘａｍｐｌｅ．ｃｏｍ ok"
	f := screen.New().Screen(text, "message")
	if len(f) != 1 || text[f[0].Start:f[0].End] != "ｔｏｍ＠ｅｘａｍｐｌｅ．ｃｏｍ" || f[0].Normalized != "tom@example.com" {
		t.Fatalf("%+v", f)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"ＡＢＣ１２３":           "abc123",
		"j\u200bo\u200dhn": "john",
		"раураl":           "paypal",
		"①②③":              "123",
		"café":             "cafe",
		"٣٤٥":              "345",
		// Cyrillic words are transliterated; look-alike letters in a Latin
		// word, or in a word joined to one by an address's dot, are not.
		"Напиши мне в Телеграм":   "napishi mne v telegram",
		"ЩУКА и ёж":               "shchuka i ezh",
		"на мою карту.":           "na moyu kartu.",
		"gmаil.сом пишите":        "gmail.com pishite",
		"ник: сом":                "nik: som",
		"по Скайпу или в вотсапе": "po skype ili v whatsapp",
	} {
		if got := screen.Normalize(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

func FuzzScreen(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text)
	}
	f.Add("\xff\xfe@\xff.com")
	// Brand names respelled (issue 12), also in full-width letters.
	f.Add("Pay me via P a y P a l or Zel le, or my SkriII; S k y p e @jo_88")
	f.Add("Ｐ ａ ｙ Ｐ ａ ｌ and W_e_s_t_e_r_n_U_n_i_o_n, We Chat: @x9 V*e*n*m*o é")
	f.Add(strings.Repeat("a ", 300) + "@")
	f.Add("8#^\ufffd4\ufffd\t\ufffd\ufffdF")    // a '#' between digits once read past the end of a buffer
	f.Add("сом.gmаil@ТЕЛЕГРАМ ѕкуре-на́ карту") // Cyrillic words, look-alikes, a combining accent
	f.Add("aATbDOT_at_DOT_dot_xATyDOTz.c _AT_")
	s := screen.New()
	f.Fuzz(func(t *testing.T, text string) {
		got := s.Screen(text, "message")
		again := s.Screen(text, "message")
		if !reflect.DeepEqual(got, again) {
			t.Fatalf("not deterministic: %v vs %v", got, again)
		}
		for _, fd := range got {
			if fd.Start < 0 || fd.End > len(text) || fd.Start >= fd.End {
				t.Fatalf("span %d-%d out of %d", fd.Start, fd.End, len(text))
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[fd.Start]) || fd.End < len(text) && !utf8.RuneStart(text[fd.End])) {
				t.Fatalf("span %d-%d not on rune boundaries of %q", fd.Start, fd.End, text)
			}
			if fd.Text != text[fd.Start:fd.End] {
				t.Fatal("text does not match span")
			}
		}
	})
}

func FuzzNormalize(f *testing.F) {
	f.Add("ｔｏｍ＠ｅｘａｍｐｌｅ．ｃｏｍ")
	f.Add("\u200b\u00ad\ufeff")
	f.Fuzz(func(t *testing.T, text string) {
		n := screen.Normalize(text)
		for i := 0; i < len(n); i++ {
			if n[i] >= 0x80 || n[i] >= 'A' && n[i] <= 'Z' {
				t.Fatalf("normalized text has byte %#x", n[i])
			}
		}
	})
}

func TestInRegionC4(t *testing.T) {
	s := screen.New()
	f := screen.InRegion(s.Screen("llámame al 612 345 678", "message"), "ES")
	if len(f) != 1 || f[0].Normalized != "+34612345678" {
		t.Fatalf("%+v", f)
	}
	f = screen.InRegion(s.Screen("ring me on 020 7946 0958", "message"), "GB")
	if len(f) != 1 || f[0].Normalized != "+442079460958" {
		t.Fatalf("%+v", f)
	}
	f = screen.InRegion(s.Screen("call +1 415 555 2671", "message"), "ES")
	if f[0].Normalized != "+14155552671" {
		t.Fatalf("%+v", f)
	}
}
