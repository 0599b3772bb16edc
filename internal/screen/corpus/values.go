package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Values the generator fills into the hand-written sentences. Names and
// places span the corpus languages so no one alphabet of names dominates.
var (
	firstNames = strings.Fields(`jane maria lucas ana pierre sophie jonas lena ivan olga rahul priya carlos lucia joao beatriz
		camille hugo felix anna dmitri natasha arjun neha diego sofia tom emma pablo marta louis chloe klaus greta sergei
		anya vikram pooja mateo valentina rafael julia nicolas lea moritz paula alexei irina sanjay kavya lola bruno`)
	lastNames = strings.Fields(`doe silva martin weber petrov sharma garcia lopez costa ferreira dubois moreau schmidt muller
		ivanova kumar gupta fernandez santos oliveira laurent bernard fischer wagner smirnov volkov patel singh ramos
		torres almeida rocha girard roux becker hoffmann popov sokolov mehta iyer navarro romero pereira lima`)
	providers  = strings.Fields(`gmail.com yahoo.com outlook.com hotmail.com proton.me icloud.com gmx.de yandex.ru mail.ru rediffmail.com uol.com.br orange.fr web.de protonmail.com aol.com`)
	tlds       = strings.Fields(`com net org io dev co me design studio art pro info`)
	siteWords  = strings.Fields(`design studio works art code lab creative dev media photo write pixel build craft`)
	cities     = strings.Fields(`Lisbon Madrid Berlin Paris Lyon Porto Munich Hamburg Sevilla Valencia Pune Mumbai Delhi Bangalore Moscow Kazan Toulouse Cologne Curitiba Recife`)
	techs      = []string{"Go", "Python", "Django", "Laravel", "Ruby on Rails", "Flutter", "Kotlin", "Swift", "Rust", "Elixir", "Spring Boot", ".NET Core", "Node.js", "Vue.js", "Angular", "Svelte", "FastAPI"}
	payBrands  = []string{"PayPal", "Venmo", "Zelle", "Wise", "Payoneer", "Skrill", "Revolut", "Cash App", "Western Union", "Paytm", "Google Pay", "PhonePe", "Bizum", "Lydia", "YooMoney", "Qiwi", "Pix", "UPI", "MoneyGram", "Transferwise"}
	messengers = []string{"Telegram", "WhatsApp", "Skype", "Discord", "Signal", "Viber", "WeChat", "Instagram", "Snapchat", "Line", "Kik", "Facebook Messenger"}
	devBrands  = []string{"PayPal", "Stripe", "Adyen", "Braintree", "Razorpay", "Mollie", "Square", "Venmo", "Wise", "Payoneer", "Klarna"}
	devMsgs    = []string{"Telegram", "WhatsApp", "Discord", "Slack", "Viber", "Signal", "Messenger", "Instagram"}
	files      = strings.Fields(`main.go app.py index.js server.ts utils.rb config.yaml views.py api.go handler.js models.py`)
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// user returns a mail or handle user name.
func user(r *rand.Rand, sep string) string {
	f, l := pick(r, firstNames), pick(r, lastNames)
	switch r.IntN(5) {
	case 0:
		return f + sep + l
	case 1:
		return f + sep + l + fmt.Sprint(r.IntN(90)+10)
	case 2:
		return f[:1] + l + fmt.Sprint(r.IntN(900)+100)
	case 3:
		return f + fmt.Sprint(r.IntN(9000)+1000)
	}
	return l + sep + f
}

func email(r *rand.Rand) (string, string, string) {
	u := user(r, pick(r, []string{".", "_", ".", ""}))
	p := pick(r, providers)
	if r.IntN(6) == 0 {
		p = pick(r, lastNames) + "-" + pick(r, siteWords) + "." + pick(r, tlds)
	}
	return u + "@" + p, u, p
}

func domain(r *rand.Rand) string {
	n := pick(r, firstNames)
	switch r.IntN(4) {
	case 0:
		n += pick(r, lastNames)
	case 1:
		n += "-" + pick(r, siteWords)
	case 2:
		n = pick(r, lastNames) + pick(r, siteWords)
	}
	return n + "." + pick(r, tlds)
}

func digits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	if b[0] == '0' {
		b[0] = byte('2' + r.IntN(8))
	}
	return string(b)
}

// phone returns an international and a national way to write one number
// of the country the language is most written in.
func phone(r *rand.Rand, lang string) (intl, national string) {
	switch lang {
	case "es":
		d := "6" + digits(r, 8)
		return "+34 " + d[:3] + " " + d[3:6] + " " + d[6:], d[:3] + " " + d[3:5] + " " + d[5:7] + " " + d[7:]
	case "pt":
		d := digits(r, 8)
		return "+55 11 9" + d[:4] + "-" + d[4:], "(11) 9" + d[:4] + "-" + d[4:]
	case "fr":
		d := digits(r, 8)
		return "+33 6 " + d[:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:], "06 " + d[:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:]
	case "de":
		d := digits(r, 8)
		return "+49 151 " + d, "0151 " + d
	case "ru":
		d := "9" + digits(r, 9)
		return "+7 " + d[:3] + " " + d[3:6] + "-" + d[6:8] + "-" + d[8:], "8 " + d[:3] + " " + d[3:6] + "-" + d[6:8] + "-" + d[8:]
	case "hi":
		d := "9" + digits(r, 9)
		return "+91 " + d[:5] + " " + d[5:], "0" + d[:5] + " " + d[5:]
	}
	d := digits(r, 10)
	return "+1 " + d[:3] + " " + d[3:6] + " " + d[6:], "(" + d[:3] + ") " + d[3:6] + "-" + d[6:]
}

// numberWords are the digit words per language, as members write them.
var numberWords = map[string][]string{
	"en": strings.Fields("zero one two three four five six seven eight nine"),
	"es": strings.Fields("cero uno dos tres cuatro cinco seis siete ocho nueve"),
	"pt": strings.Fields("zero um dois tres quatro cinco seis sete oito nove"),
	"fr": strings.Fields("zero un deux trois quatre cinq six sept huit neuf"),
	"de": strings.Fields("null eins zwei drei vier funf sechs sieben acht neun"),
	"ru": strings.Fields("nol odin dva tri chetyre pyat shest sem vosem devyat"),
	"hi": strings.Fields("zero ek do teen char paanch chhe saat aath nau"),
}

// atDot are the spoken "at" and "dot" per language.
var atDot = map[string][2][]string{
	"en": {{"at", "AT"}, {"dot", "DOT"}},
	"es": {{"arroba"}, {"punto"}},
	"pt": {{"arroba"}, {"ponto"}},
	"fr": {{"arobase", "at"}, {"point"}},
	"de": {{"at", "Klammeraffe"}, {"punkt", "Punkt"}},
	"ru": {{"sobaka", "at"}, {"tochka"}},
	"hi": {{"at the rate", "at"}, {"dot"}},
}

func iban(r *rand.Rand, lang string) string {
	cc := map[string]string{"es": "ES", "pt": "PT", "fr": "FR", "de": "DE", "ru": "RU", "hi": "IN", "en": "GB"}[lang]
	if lang == "pt" && r.IntN(2) == 0 {
		return pick(r, firstNames) + "." + pick(r, lastNames) + "@" + pick(r, providers) // a PIX key
	}
	if lang == "ru" || lang == "hi" || lang == "en" && r.IntN(2) == 0 {
		d := digits(r, 16)
		return d[:4] + " " + d[4:8] + " " + d[8:12] + " " + d[12:] // a card or account number
	}
	d := digits(r, 20)
	return cc + d[:2] + " " + d[2:6] + " " + d[6:10] + " " + d[10:14] + " " + d[14:18] + " " + d[18:]
}

const base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

func wallet(r *rand.Rand) string {
	b := make([]byte, 33)
	for i := range b {
		b[i] = base58[r.IntN(len(base58))]
	}
	switch r.IntN(3) {
	case 0:
		return "T" + string(b)
	case 1:
		return "1" + string(b[:32])
	}
	h := make([]byte, 40)
	for i := range h {
		h[i] = "0123456789abcdef"[r.IntN(16)]
	}
	return "0x" + string(h)
}

func price(r *rand.Rand, lang string) string {
	n := r.IntN(4900) + 15
	switch lang {
	case "es", "fr", "de", "pt":
		if r.IntN(2) == 0 {
			return fmt.Sprintf("%d €", n)
		}
		return fmt.Sprintf("%d EUR", n)
	case "hi":
		return fmt.Sprintf("Rs %d", n*20)
	case "ru":
		return fmt.Sprintf("%d rublej", n*50)
	}
	if n > 999 {
		return fmt.Sprintf("$%d,%03d", n/1000, n%1000)
	}
	return fmt.Sprintf("$%d", n)
}

func date(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("%d-%02d-%02d", 2024+r.IntN(3), r.IntN(12)+1, r.IntN(28)+1)
	case 1:
		return fmt.Sprintf("%02d/%02d/%d", r.IntN(28)+1, r.IntN(12)+1, 2024+r.IntN(3))
	}
	return fmt.Sprintf("%d.%d.%d", r.IntN(28)+1, r.IntN(12)+1, 2024+r.IntN(3))
}

func version(r *rand.Rand) string {
	return fmt.Sprintf("%d.%d.%d", r.IntN(5)+1, r.IntN(20), r.IntN(30))
}

// fill replaces the honest slots of a sentence.
func fill(r *rand.Rand, s, lang, family string) string {
	for strings.Contains(s, "{") {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[i:], '}') + i
		var v string
		switch s[i+1 : j] {
		case "price":
			v = price(r, lang)
		case "qty":
			v = fmt.Sprint(r.IntN(40) + 2)
		case "n":
			v = fmt.Sprint(r.IntN(900) + 12)
		case "date":
			v = date(r)
		case "ver":
			v = version(r)
		case "file":
			v = pick(r, files)
		case "tech":
			v = pick(r, techs)
		case "city":
			v = pick(r, cities)
		case "m":
			if family == "neg.messenger_dev" {
				v = pick(r, devMsgs)
			} else {
				v = pick(r, devBrands)
			}
		default:
			v = "?"
		}
		s = s[:i] + v + s[j+1:]
	}
	return s
}
