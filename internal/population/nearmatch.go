package population

import (
	"fmt"
	"strconv"
	"strings"

	"standing/internal/identity"
	"standing/internal/service"
)

// The near-match population (M9): people with a legal name, a birth date,
// an address, a profile text and a browser, drawn so that look-alikes are
// common, and evaders who change every exact signal (email, phone, card,
// device id, network) but keep one hard thing, written another way.

// NearTactics are the M9 evasion tactics: what the evader keeps.
var NearTactics = []string{
	"name_dob",     // (a) legal name with a typo or another transliteration, and the birth date
	"address",      // (b) the home address written another way
	"profile_text", // (c) the profile text lightly edited
	"device",       // (d) the same machine with a newer browser version
}

// Home is a postal address.
type Home struct {
	Line1, City, Postal, Country string
	number, unit                 int
	street                       string
}

// Traits are a browser's device traits.
type Traits struct {
	UserAgent, Screen, Timezone, FontsHash string
	Languages                              []string
	browser, os                            int
	version                                int
}

// city is where people live: its country, time zone, languages, streets
// and postal codes.
type city struct {
	name, country, tz string
	langs             []string
	streets           []string
	postal            func(n int) string
}

var cities = []city{
	{"Springfield", "US", "America/Chicago", []string{"en-US"}, []string{"Maple", "Oak", "Washington", "Lincoln", "Elm", "Cedar", "Park", "Lake"},
		func(n int) string { return strconv.Itoa(62701 + n%40) }},
	{"London", "GB", "Europe/London", []string{"en-GB"}, []string{"Baker", "Camden", "Kings", "Victoria", "Albert", "Church", "Mill", "Station"},
		func(n int) string {
			return fmt.Sprintf("NW%d %d%c%c", 1+n%9, n%10, 'A'+rune(n/10%26), 'B'+rune(n/7%24))
		}},
	{"Lviv", "UA", "Europe/Kyiv", []string{"uk-UA", "en-US"}, []string{"Shevchenka", "Franka", "Zelena", "Horodotska", "Stryiska", "Naukova"},
		func(n int) string { return strconv.Itoa(79000 + n%60) }},
	{"Madrid", "ES", "Europe/Madrid", []string{"es-ES", "en"}, []string{"Alcala", "Goya", "Serrano", "Princesa", "Atocha", "Bravo Murillo"},
		func(n int) string { return fmt.Sprintf("280%02d", n%50) }},
	{"Berlin", "DE", "Europe/Berlin", []string{"de-DE", "en"}, []string{"Haupt", "Linden", "Friedrich", "Kant", "Schiller", "Garten"},
		func(n int) string { return strconv.Itoa(10115 + n%300) }},
}

// Name parts: given names and surnames with the other ways they are written
// (transliterations, with and without diacritics), and generated surnames
// so that most full names are rare, as in a real population.
var nearFirst = []string{"Aleksandr", "Yuri", "Mohammed", "Olga", "Sergei", "Dmitri", "Natalia", "Ekaterina", "Mikhail", "Andrei",
	"José", "María", "Lucía", "Javier", "Jürgen", "Sören", "Zoë", "Chloé", "Grace", "Ana", "Li", "Wei", "Priya", "Arjun", "Fatima",
	"Ahmed", "Omar", "Aisha", "Kenji", "Yuki", "Lars", "Ingrid", "Tomasz", "Agnieszka", "Nikos", "Eleni", "David", "Sarah", "James", "Emily"}
var variants = map[string]string{
	"Aleksandr": "Alexander", "Yuri": "Iouri", "Mohammed": "Muhammad", "Olga": "Olha", "Sergei": "Sergey", "Dmitri": "Dmitry",
	"Natalia": "Natalya", "Ekaterina": "Yekaterina", "Mikhail": "Michail", "Andrei": "Andrey", "José": "Jose", "María": "Maria",
	"Lucía": "Lucia", "Jürgen": "Juergen", "Sören": "Soeren", "Zoë": "Zoe", "Chloé": "Chloe", "Petrov": "Petroff", "Ivanov": "Ivanoff",
	"Müller": "Mueller", "García": "Garcia", "Hussein": "Husein", "Nguyễn": "Nguyen", "Kowalczyk": "Kovalchyk", "Shevchenko": "Ševčenko",
	"Tchaikovsky": "Chaikovskiy", "Wei": "Way", "Aisha": "Ayesha", "Fatima": "Fatimah", "Nikos": "Nicos",
}
var nearLast = []string{"Petrov", "Ivanov", "Müller", "García", "Hussein", "Nguyễn", "Kowalczyk", "Shevchenko", "Tchaikovsky", "Smith",
	"Okafor", "Tanaka", "Rossi", "Dubois", "Jensen", "Costa", "Singh", "Kim", "Silva", "Novak"}
var syllables = []string{"ko", "va", "len", "bor", "mir", "tes", "lo", "ran", "di", "sa", "pe", "tru", "zan", "hel", "mo", "rik", "an", "os", "ul", "ber", "gan", "fi", "na", "del"}

// neighbours are keys around each letter on a QWERTY keyboard, for typos.
var neighbours = map[byte]string{'a': "qsz", 'b': "vgn", 'c': "xdv", 'd': "sfe", 'e': "wrd", 'f': "dgr", 'g': "fht", 'h': "gjy",
	'i': "uok", 'j': "hku", 'k': "jli", 'l': "kop", 'm': "nj", 'n': "bmh", 'o': "ipl", 'p': "ol", 'q': "wa", 'r': "etf", 's': "adw",
	't': "ryg", 'u': "yij", 'v': "cbf", 'w': "qes", 'x': "zcs", 'y': "tuh", 'z': "xa"}

// frames are sentences of profile overviews with slots; filled from the
// slot lists, they make texts as varied as people write them.
var frames = []string{
	"I build %s for %s, from the first sketch to the last %s.",
	"My clients are %s that need a %s partner rather than a large agency.",
	"For %d years I have worked with %s in %s and %s.",
	"Recent projects include %s for %s and %s for a %s.",
	"I answer messages within %d hours and send a %s report every %s.",
	"Before freelancing I spent %d years as a %s at a %s company in %s.",
	"I care about %s, %s and %s, and I explain my choices plainly.",
	"Tools I use every day: %s, %s and %s.",
	"My favourite kind of work is %s for %s who value %s.",
	"I studied %s in %s and later moved into %s.",
	"Ask me about %s, %s or the time I rebuilt a %s in %d weeks.",
	"Outside work I %s, which keeps my %s sharp.",
}
var slots = []string{"web shops", "mobile apps", "booking systems", "dashboards", "brand books", "podcasts", "translations", "data pipelines",
	"small clinics", "restaurants", "logistics firms", "nonprofits", "law offices", "schools", "game studios", "bakeries", "architects",
	"reliable", "patient", "senior", "curious", "fast", "careful", "detail", "pixel", "word", "invoice", "Friday", "Monday", "month",
	"Python", "Figma", "Go", "Excel", "Kotlin", "Swift", "Blender", "Premiere", "Postgres", "React", "SAP", "Tableau", "Illustrator",
	"accessibility", "performance", "clarity", "privacy", "typography", "testing", "good maps", "plain English", "colour",
	"Lisbon", "Toronto", "Nairobi", "Krakow", "Osaka", "Lima", "Tallinn", "Porto", "Austin", "Cairo", "Hanoi", "Bogota",
	"climb", "paint", "run marathons", "teach chess", "bake bread", "restore bikes", "sing in a choir", "volunteer"}

var words = []string{"quickly", "carefully", "often", "mostly", "usually", "gladly", "reliably", "simply", "clearly", "happily"}

// templates are popular profile templates that many honest members copy,
// changing only the bracketed details.
var templates = []string{
	"Hello! I am a passionate and dedicated professional with %d years of experience. I deliver high quality work on time and within budget. " +
		"Customer satisfaction is my top priority and I offer unlimited revisions until you are happy. My skills include %s. " +
		"I am available for long term projects and I look forward to working with you. Please feel free to contact me to discuss your project.",
	"Welcome to my profile! I am a %d year experienced expert specialised in %s. I have completed hundreds of projects for clients all over the world. " +
		"I am hardworking, honest and detail oriented. I communicate clearly and I always meet deadlines. Hire me and you will not regret it. Thank you for visiting.",
}
var skillSets = []string{"WordPress and PHP", "logo design and branding", "data entry and Excel", "SEO and content writing", "React and Node", "video editing", "virtual assistance"}

// NearPerson draws one person of the near-match population.
func (g *Generator) NearPerson(kind string) Signup {
	s := g.person(kind)
	c := cities[g.r.IntN(len(cities))]
	s.Country = c.country
	fn := nearFirst[g.r.IntN(len(nearFirst))]
	ln := nearLast[g.r.IntN(len(nearLast))]
	if g.r.IntN(10) < 7 { // most surnames are rare
		ln = ""
		for k := 2 + g.r.IntN(2); k > 0; k-- {
			ln += syllables[g.r.IntN(len(syllables))]
		}
		ln = strings.ToUpper(ln[:1]) + ln[1:]
	}
	s.Name, s.LegalName = fn+" "+ln, fn+" "+ln
	s.DOB = fmt.Sprintf("%d-%02d-%02d", 1955+g.r.IntN(50), 1+g.r.IntN(12), 1+g.r.IntN(28))
	s.Home = g.home(c)
	s.Traits = g.traits(c)
	s.Profile = g.profile()
	s.DOBAtSignup = g.r.IntN(10) < 7
	s.Verifies = g.r.IntN(10) < 6
	return s
}

func (g *Generator) home(c city) Home {
	h := Home{City: c.name, Country: c.country, number: 1 + g.r.IntN(180), street: c.streets[g.r.IntN(len(c.streets))]}
	if g.r.IntN(3) == 0 {
		h.unit = 1 + g.r.IntN(40)
	}
	h.Postal = c.postal(g.r.IntN(1000))
	h.Line1 = h.write(0)
	return h
}

// write spells the address in one of the ways people do.
func (h Home) write(style int) string {
	unit := ""
	switch {
	case h.unit > 0 && style%2 == 0:
		unit = fmt.Sprintf(", Apt %d", h.unit)
	case h.unit > 0:
		unit = fmt.Sprintf(" flat %d", h.unit)
	}
	switch style % 4 {
	case 1:
		return fmt.Sprintf("%d %s St.%s", h.number, h.street, unit)
	case 2:
		return fmt.Sprintf("%s Street %d%s", h.street, h.number, unit)
	case 3:
		return fmt.Sprintf("%d, %s str%s", h.number, strings.ToLower(h.street), unit)
	}
	return fmt.Sprintf("%d %s Street%s", h.number, h.street, unit)
}

// rewritten is the same home written another way, the postal code too.
func (h Home) rewritten(style int) Home {
	h.Line1 = h.write(style)
	if style%2 == 1 {
		h.Postal = strings.ToLower(strings.ReplaceAll(h.Postal, " ", ""))
	}
	return h
}

var uas = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Safari/537.36",
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:%d.0) Gecko/20100101 Firefox/%[1]d.0 (%d.%d)",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_%d) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.%d Safari/605.1.%d",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Safari/537.36",
	"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Mobile Safari/537.36",
}
var screens = []string{"1920x1080", "1366x768", "1536x864", "2560x1440", "1440x900", "1280x720", "3840x2160", "1680x1050", "412x915", "390x844"}

// stockFonts are the font lists of machines nobody changed: many people share each.
var stockFonts = []string{"win11-default", "win10-default", "macos14-default", "ubuntu-default", "android14-default", "office-2021"}

func (g *Generator) traits(c city) *Traits {
	t := &Traits{browser: g.r.IntN(len(uas)), version: 118 + g.r.IntN(6), Timezone: c.tz, Languages: c.langs}
	t.Screen = screens[min(g.r.IntN(len(screens)), g.r.IntN(len(screens)))] // the common ones more often
	if g.r.IntN(10) < 2 {
		t.FontsHash = stockFonts[g.r.IntN(len(stockFonts))]
	} else {
		t.FontsHash = fmt.Sprintf("%016x", g.r.Uint64()) // installed fonts make most machines distinct
	}
	t.os = 6000 + g.r.IntN(200)
	t.UserAgent = t.ua()
	return t
}

func (t Traits) ua() string { return fmt.Sprintf(uas[t.browser], t.version, t.os, 100+t.os%90) }

// updated is the same machine after its browser updated itself.
func (t Traits) updated() *Traits {
	t.version += 1 + t.os%3
	t.os += 57
	t.UserAgent = t.ua()
	return &t
}

// profile is an overview of five to eight filled frames.
func (g *Generator) profile() string {
	var b strings.Builder
	for k := 5 + g.r.IntN(4); k > 0; k-- {
		f := frames[g.r.IntN(len(frames))]
		var args []any
		for i := 0; i+1 < len(f); i++ {
			switch f[i : i+2] {
			case "%s":
				args = append(args, slots[g.r.IntN(len(slots))])
			case "%d":
				args = append(args, 2+g.r.IntN(20))
			}
		}
		fmt.Fprintf(&b, f+" ", args...)
	}
	return strings.TrimSpace(b.String())
}

// edited is a profile text lightly edited: a few words changed or added.
func (g *Generator) edited(text string) string {
	w := strings.Fields(text)
	for k := 2 + g.r.IntN(3); k > 0; k-- {
		i := g.r.IntN(len(w))
		if g.r.IntN(2) == 0 {
			w[i] = words[g.r.IntN(len(words))]
		} else {
			w = append(w[:i], append([]string{words[g.r.IntN(len(words))]}, w[i:]...)...)
		}
	}
	return strings.Join(w, " ")
}

// misspell writes a name another way: another transliteration when one is
// known, else a typo (a neighbouring key, a dropped, doubled or swapped letter).
func (g *Generator) misspell(name string) string {
	parts := strings.Fields(name)
	var known []int
	for i, p := range parts {
		if _, ok := variants[p]; ok {
			known = append(known, i)
		}
	}
	if len(known) > 0 && g.r.IntN(2) == 0 {
		i := known[g.r.IntN(len(known))]
		parts[i] = variants[parts[i]]
		return strings.Join(parts, " ")
	}
	i := g.r.IntN(len(parts))
	p := []rune(strings.ToLower(parts[i]))
	if len(p) < 3 {
		parts[i] += "h"
		return strings.Join(parts, " ")
	}
	j := 1 + g.r.IntN(len(p)-1)
	switch g.r.IntN(4) {
	case 0:
		if p[j] < 128 && neighbours[byte(p[j])] != "" {
			n := neighbours[byte(p[j])]
			p[j] = rune(n[g.r.IntN(len(n))])
		}
	case 1:
		p = append(p[:j], p[j+1:]...)
	case 2:
		p = append(p[:j], append([]rune{p[j]}, p[j:]...)...)
	default:
		if j+1 < len(p) {
			p[j], p[j+1] = p[j+1], p[j]
		} else {
			p[j-1], p[j] = p[j], p[j-1]
		}
	}
	parts[i] = strings.ToUpper(string(p[:1])) + string(p[1:])
	return strings.Join(parts, " ")
}

// NearHonest returns n honest members with the look-alikes M9 must not
// send to review: same-name strangers in one city, twins at one address,
// spouses, flatmates, and members who copy a popular profile template.
func (g *Generator) NearHonest(n int) []Signup {
	var out []Signup
	push := func(s Signup) {
		if len(out) < n {
			out = append(out, s)
		}
	}
	for len(out) < n {
		switch p := g.r.IntN(100); {
		case p < 78:
			push(g.NearPerson("honest"))
		case p < 81: // strangers with one common name in one city
			a := g.NearPerson("same_name")
			for k := 2 + g.r.IntN(4); k > 0; k-- {
				b := g.NearPerson("same_name")
				b.Name, b.LegalName = a.Name, a.LegalName
				b.Home = g.home(cityOf(a.Home))
				b.Traits.Timezone, b.Traits.Languages = a.Traits.Timezone, a.Traits.Languages
				push(b)
			}
			push(a)
		case p < 83: // twins: one surname, one birth date, one home
			a := g.NearPerson("twin")
			b := g.NearPerson("twin")
			b.Name = g.otherFirst(a.Name) + " " + strings.Fields(a.Name)[1]
			b.LegalName, b.DOB, b.Home = b.Name, a.DOB, a.Home.rewritten(g.r.IntN(4))
			push(a)
			push(b)
		case p < 87: // spouses: one home, often one surname, one home network
			a := g.NearPerson("spouse")
			b := g.NearPerson("spouse")
			if g.r.IntN(2) == 0 {
				b.Name = g.otherFirst(a.Name) + " " + strings.Fields(a.Name)[1]
				b.LegalName = b.Name
			}
			b.Home, b.IP = a.Home.rewritten(g.r.IntN(4)), a.IP
			push(a)
			push(b)
		case p < 90: // flatmates
			a := g.NearPerson("flatmate")
			for k := 1 + g.r.IntN(3); k > 0; k-- {
				b := g.NearPerson("flatmate")
				b.Home = a.Home.rewritten(g.r.IntN(4))
				push(b)
			}
			push(a)
		default: // a popular profile template, lightly personalised
			s := g.NearPerson("template")
			s.Profile = fmt.Sprintf(templates[g.r.IntN(len(templates))], 2+g.r.IntN(12), skillSets[g.r.IntN(len(skillSets))])
			push(s)
		}
	}
	return out
}

// otherFirst is a given name other than the one of name.
func (g *Generator) otherFirst(name string) string {
	for {
		if f := nearFirst[g.r.IntN(len(nearFirst))]; f != strings.Fields(name)[0] {
			return f
		}
	}
}

func cityOf(h Home) city {
	for _, c := range cities {
		if c.name == h.City {
			return c
		}
	}
	return cities[0]
}

// NearEvader returns the sign-up of someone coming back after original was
// banned: every exact signal new (email, phone, card, device id, network),
// one hard thing kept under the tactic, everything else another person's.
func (g *Generator) NearEvader(original Signup, index int, tactic string) Signup {
	s := g.NearPerson("evader")
	s.Technique, s.Original = tactic, index
	switch tactic {
	case "name_dob":
		s.Name = g.misspell(original.LegalName)
		s.LegalName, s.DOB, s.DOBAtSignup = s.Name, original.DOB, true
	case "address":
		s.Home, s.Verifies = original.Home.rewritten(1+g.r.IntN(3)), true
	case "profile_text":
		s.Profile = g.edited(original.Profile)
	case "device":
		s.Traits = original.Traits.updated()
	}
	return s
}

// nearInput adds what M9 reads to a sign-up's service input.
func (s Signup) nearInput(in *service.SignupInput) {
	if s.DOBAtSignup {
		in.DateOfBirth = &s.DOB
	}
	if t := s.Traits; t != nil {
		langs := t.Languages
		in.Signals.DeviceTraits = &service.DeviceTraits{UserAgent: &t.UserAgent, Screen: &t.Screen, Timezone: &t.Timezone,
			Languages: &langs, FontsHash: &t.FontsHash}
	}
}

// nearBody adds what M9 reads to a sign-up's API body.
func (s Signup) nearBody(b map[string]any) {
	if s.DOBAtSignup {
		b["date_of_birth"] = s.DOB
	}
	if t := s.Traits; t != nil {
		b["signals"].(map[string]any)["device_traits"] = map[string]any{"user_agent": t.UserAgent, "screen": t.Screen,
			"timezone": t.Timezone, "languages": t.Languages, "fonts_hash": t.FontsHash}
	}
}

// Facts are what M9 encodes of the person once signed up, verified and
// with a profile: for seeding a benchmark population.
func (s Signup) Facts() identity.Facts {
	f := identity.Facts{Name: s.LegalName, DOB: s.DOB, Text: s.Profile}
	if s.Home.Line1 != "" {
		f.Address = &identity.PostalAddress{Line1: s.Home.Line1, City: s.Home.City, PostalCode: s.Home.Postal, Country: s.Home.Country}
	}
	if t := s.Traits; t != nil {
		f.Device = &identity.DeviceTraits{UserAgent: t.UserAgent, Screen: t.Screen, Timezone: t.Timezone, Languages: t.Languages, FontsHash: t.FontsHash}
	}
	return f
}
