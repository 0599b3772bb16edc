// Package population generates a synthetic marketplace population for the
// linkage tests, benchmarks and `standing demo`: honest members (coworkers
// behind one office IP, families sharing a device, people with very common
// names, mobile users behind carrier NAT) and evaders who come back after a
// ban with a new email and reuse something: gmail dots or a plus tag, a card,
// a phone written another way, a device, or only the network.
package population

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"standing/internal/service"
)

// Signup is one sign-up as the marketplace would send it, with its label.
type Signup struct {
	Email      string
	Name       string
	Country    string
	Freelancer bool
	IP         string
	DeviceID   string
	Phone      string
	Card       string
	LegalName  string // for the name + date of birth signal of a verification
	DOB        string
	Address    string
	Kind       string // honest, coworker, family, common_name, nat, original, evader
	Technique  string // for evaders: how they come back
	Original   int    // for evaders: index of the banned account they evade

	// The near-match population (M9) also has these.
	Home        Home
	Traits      *Traits
	Profile     string
	DOBAtSignup bool // the sign-up body carries date_of_birth
	Verifies    bool // the member goes through identity verification
}

// Body is the POST /v1/accounts body of the sign-up.
func (s Signup) Body() map[string]any {
	sig := map[string]any{"ip": s.IP, "device_id": s.DeviceID, "phone": s.Phone, "payment_instrument": s.Card}
	b := map[string]any{"email": s.Email, "name": s.Name, "country": s.Country, "freelancer": s.Freelancer,
		"client": !s.Freelancer, "signals": sig}
	s.nearBody(b)
	return b
}

// Generator makes people deterministically from a seed.
type Generator struct {
	r    *rand.Rand
	n    int
	nets int
}

// New returns a generator.
func New(seed uint64) *Generator { return &Generator{r: rand.New(rand.NewPCG(seed, seed*7+1))} }

var first = []string{"Ana", "Li", "Tom", "Sofia", "Ivan", "Grace", "Paulo", "Nina", "Ahmed", "Maria", "Kenji", "Aisha", "Lucas", "Emma", "Omar", "Priya", "Chen", "Fatima", "Diego", "Olga"}
var last = []string{"Ruiz", "Wang", "Muller", "Rossi", "Petrov", "Kim", "Silva", "Hassan", "Lopez", "Brown", "Tanaka", "Okafor", "Novak", "Dubois", "Khan", "Garcia", "Nguyen", "Jensen", "Costa", "Singh"}
var domains = []string{"gmail.com", "yahoo.com", "outlook.com", "proton.me", "hotmail.com", "mail.example", "icloud.com"}

func (g *Generator) id() int { g.n++; return g.n }

func (g *Generator) person(kind string) Signup {
	n := g.id()
	fn, ln := first[g.r.IntN(len(first))], last[g.r.IntN(len(last))]
	if kind == "common_name" {
		fn, ln = "John", "Smith"
	}
	return Signup{
		Email: fmt.Sprintf("%s.%s%d@%s", strings.ToLower(fn), strings.ToLower(ln), n, domains[g.r.IntN(len(domains))]),
		Name:  fn + " " + ln, Country: "US", Freelancer: g.r.IntN(3) != 0,
		IP: g.ip(), DeviceID: fmt.Sprintf("dev-%d-%x", n, g.r.Uint32()),
		Phone:     phone(n),
		Card:      fmt.Sprintf("card-%d-%x", n, g.r.Uint32()),
		LegalName: fn + " " + ln, DOB: fmt.Sprintf("19%02d-%02d-%02d", 60+g.r.IntN(40), 1+g.r.IntN(12), 1+g.r.IntN(28)),
		Address: fmt.Sprintf("%d %s Street", n, ln), Kind: kind,
	}
}

// areaCodes are assigned US area codes, so generated numbers are valid.
var areaCodes = []int{201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228,
	229, 231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304, 305, 307,
	308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 325, 330, 334, 336, 337, 339, 347, 351, 352, 360,
	361, 386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419, 423, 424, 425, 434, 435, 440, 443,
	469, 478, 479, 480, 484, 501, 502, 503, 504, 505, 507, 508, 509, 510, 512, 513, 515, 516, 517, 518, 520, 530, 540, 541,
	551, 559, 561, 562, 563, 567, 570, 571, 573, 574, 575, 580, 585, 586, 601, 602, 603, 605, 606, 607, 608, 609, 610, 612,
	614, 615, 616, 617, 618, 619, 620, 623, 626, 630, 631, 636, 641, 646, 650, 651, 660, 661, 662, 678, 682, 701, 702, 703,
	704, 706, 707, 708, 712, 713, 714, 715, 716, 717, 718, 719, 720, 724, 727, 731, 732, 734, 740, 754, 757, 760, 763, 765}

// phone is a distinct valid US number for each n.
func phone(n int) string {
	a := areaCodes[n%len(areaCodes)]
	x := exchanges[(n/len(areaCodes))%len(exchanges)]
	line := (n / (len(areaCodes) * len(exchanges))) % 10000
	return fmt.Sprintf("+1 %03d %03d %04d", a, x, line)
}

// exchanges are central-office codes without the N11 and 555 ones.
var exchanges = func() []int {
	var out []int
	for x := 230; x < 900; x++ {
		if x%100 != 11 && x != 555 {
			out = append(out, x)
		}
	}
	return out
}()

// ip is a residential address; most people have their own.
func (g *Generator) ip() string {
	g.nets++
	return fmt.Sprintf("%d.%d.%d.%d", 11+g.nets/65000%200, g.nets/250%250, g.nets%250, 1+g.r.IntN(250))
}

// Honest returns n honest sign-ups, drawn in groups: independent people,
// coworkers in offices of 3 to 15 behind one IP, 10% families of 2 to 4
// sharing a device and a home IP, 5% "John Smith", 5% mobile users behind
// one carrier NAT address.
func (g *Generator) Honest(n int) []Signup {
	var out []Signup
	nat := g.ip()
	for len(out) < n {
		switch p := g.r.IntN(100); {
		case p < 85:
			out = append(out, g.person("honest"))
		case p < 90:
			office := g.ip()
			for k := 3 + g.r.IntN(13); k > 0 && len(out) < n; k-- {
				s := g.person("coworker")
				s.IP = office
				out = append(out, s)
			}
		case p < 95:
			home, device := g.ip(), fmt.Sprintf("family-tablet-%d", g.id())
			for k := 2 + g.r.IntN(3); k > 0 && len(out) < n; k-- {
				s := g.person("family")
				s.IP, s.DeviceID = home, device
				out = append(out, s)
			}
		case p < 98:
			out = append(out, g.person("common_name"))
		default:
			s := g.person("nat")
			s.IP = nat
			out = append(out, s)
		}
	}
	return out
}

// Techniques evaders use, with how the policy should answer: strong reuse
// must block (V2), a shared device alone is medium (review), the network
// alone is weak and cannot be caught without hurting offices.
var Techniques = []string{"gmail_dots", "plus_tag", "same_card", "same_phone", "same_device", "network_only"}

// Evader returns the sign-up of someone coming back after original was
// banned, using technique.
func (g *Generator) Evader(original Signup, index int, technique string) Signup {
	s := g.person("evader")
	s.Technique, s.Original = technique, index
	s.Name = original.Name
	local, domain, _ := strings.Cut(original.Email, "@")
	switch technique {
	case "gmail_dots":
		plain := strings.ReplaceAll(local, ".", "")
		var b strings.Builder
		for i, c := range plain {
			if i > 0 && i%2 == 0 {
				b.WriteByte('.')
			}
			b.WriteRune(c)
		}
		s.Email = b.String() + "@googlemail.com"
		if domain != "gmail.com" {
			s.Email = strings.ToUpper(local[:1]) + local[1:] + "@" + domain // same address, other case
		}
	case "plus_tag":
		s.Email = local + "+again@" + domain
		if domain != "gmail.com" && domain != "outlook.com" && domain != "hotmail.com" && domain != "proton.me" && domain != "icloud.com" {
			s.Email = strings.ToUpper(original.Email)
		}
	case "same_card":
		s.Card = original.Card
	case "same_phone":
		d := strings.NewReplacer("+1 ", "", " ", "").Replace(original.Phone)
		s.Phone = fmt.Sprintf("(%s) %s-%s", d[:3], d[3:6], d[6:])
	case "same_device":
		s.DeviceID = original.DeviceID
	case "network_only":
		s.IP = original.IP
	}
	return s
}

// WantCaught reports whether a technique is one the policy must block.
func WantCaught(technique string) bool {
	return technique != "same_device" && technique != "network_only"
}

// Input is the sign-up as the service's input type takes it.
func (s Signup) Input() service.SignupInput {
	f, c := s.Freelancer, !s.Freelancer
	in := service.SignupInput{Email: s.Email, Name: s.Name, Country: s.Country, Freelancer: f, Client: c,
		Signals: &service.SignupSignals{IP: &s.IP, DeviceID: &s.DeviceID, Phone: &s.Phone, PaymentInstrument: &s.Card}}
	s.nearInput(&in)
	return in
}

// Seed is the sign-up as an account to load with all eight signals.
func (s Signup) Seed() service.SeedAccount {
	return service.SeedAccount{Input: s.Input(), Legal: s.LegalName, DOB: s.DOB, Street: s.Address, Near: s.Facts()}
}
