// Package msggen generates marketplace-like messages for benchmarks and
// tests of the screening engine: mostly honest text (prices, dates,
// versions, technology names, several languages) with about one message in
// ten hiding contact details, off-platform payment or review requests. The
// output is deterministic for a seed.
package msggen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Generator makes messages from a seed.
type Generator struct {
	r *rand.Rand
}

// New returns a generator for seed.
func New(seed uint64) *Generator { return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x5eed))} }

var clean = []string{
	"Hi, thanks for the invite, I read the brief carefully.",
	"I can start on Monday and deliver the first draft by 2025-03-14.",
	"Budget is $1,500 for the whole project, 3 milestones of $500.",
	"I have 8 years of experience with React, Node.js and PostgreSQL 15.",
	"Upgraded the app from Django 3.2.18 to 4.2.7 without downtime.",
	"Could you share the Figma file and the brand guidelines?",
	"The API returns 404 when the id is missing; I will add validation.",
	"We met at the conference in 2022 and I worked at Shopify from 2016 to 2020.",
	"Order 12 units by 2024-05-12, then 30 more in June.",
	"My rate is 45 USD/hour, around 20 hours per week.",
	"I integrated PayPal and Stripe checkout for three e-commerce stores.",
	"Please pay the milestone through the platform once you approve it.",
	"Looking forward to your review of the first draft.",
	"The video is 1080p at 60fps, 3 minutes long, with subtitles.",
	"Experience with ASP.NET Core, VB.NET and Vue.js dashboards.",
	"I built a Telegram bot and a Discord bot for community moderation.",
	"ISBN 978-3-16-148410-0 is the edition we translate.",
	"Coordinates 40.7128, -74.0060 for the store locator page.",
	"Version 10.15.7 fixed the crash; see release 2.0.1 notes.",
	"Meet at 5 pm? I'm good at quick calls at 9:30.",
	"The dataset has 1.2M rows and 45k unique users.",
	"I scored 98 percent on the skills test last week.",
	"Thanks! The payment was released, have a great day.",
	"Honest feedback helps me improve, whatever you think of it.",
	"Serial number SN-4471-0093 is on the device label.",
	"Hola, puedo entregar el logo en 5 días con 3 revisiones.",
	"Bonjour, je peux commencer demain et livrer vendredi.",
	"Hallo, ich habe 6 Jahre Erfahrung mit Python und Go.",
	"Olá, posso traduzir 2500 palavras por dia.",
	"您好，我可以在三天内完成设计稿。",
	"Здравствуйте, готов начать работу на этой неделе.",
	"Let me know if the timeline of 2 weeks works for you.",
	"Attached are three concepts; the second uses the blue palette.",
	"Tracking 1Z999AA10123456784 shows the samples arrive Friday.",
}

var violations = []func(g *Generator) string{
	func(g *Generator) string { return fmt.Sprintf("email me at %s%d@gmail.com", g.name(), g.r.IntN(99)) },
	func(g *Generator) string {
		return fmt.Sprintf("write to %s dot %s at yahoo dot com", g.name(), g.name())
	},
	func(g *Generator) string {
		return fmt.Sprintf("my number is +1 %03d %03d %04d", 200+g.r.IntN(700), 200+g.r.IntN(700), g.r.IntN(10000))
	},
	func(g *Generator) string { return "call me: " + g.spelledDigits(10) },
	func(g *Generator) string {
		return "text " + strings.Join(strings.Split(fmt.Sprint(2000000000+g.r.IntN(7000000000)), ""), " ")
	},
	func(g *Generator) string { return fmt.Sprintf("see my work at www.%s%s.com", g.name(), g.name()) },
	func(g *Generator) string {
		return fmt.Sprintf("add me on skype: %s.%s%d", g.name(), g.name(), g.r.IntN(99))
	},
	func(g *Generator) string { return "Let's continue this chat on WhatsApp, it's faster." },
	func(g *Generator) string { return "Can you pay me via PayPal instead? It saves both of us the fees." },
	func(g *Generator) string { return "Let's do the next milestone outside the platform to avoid the fee." },
	func(g *Generator) string { return "Please leave me a 5-star review, it helps a lot!" },
	func(g *Generator) string { return fmt.Sprintf("mail: %s\u200b@\u200bhotmail\u200c.com", g.name()) },
	func(g *Generator) string { return fmt.Sprintf("contact me %s＠proton．me", g.name()) },
}

var names = []string{"ana", "li", "tom", "sofia", "ivan", "grace", "paulo", "nina", "ahmed", "john", "maria", "kim", "lopez", "smith", "rossi", "wang"}

func (g *Generator) name() string { return names[g.r.IntN(len(names))] }

var words = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

func (g *Generator) spelledDigits(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = words[g.r.IntN(10)]
	}
	return strings.Join(out, " ")
}

// Message returns one message of about the given length in bytes; bad
// tells whether it holds a violation.
func (g *Generator) Message(length int) (text string, bad bool) {
	var b strings.Builder
	bad = g.r.IntN(10) == 0
	at := -1
	if bad {
		at = g.r.IntN(max(1, length/80))
	}
	for i := 0; b.Len() < length; i++ {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if i == at {
			b.WriteString(violations[g.r.IntN(len(violations))](g))
			continue
		}
		b.WriteString(clean[g.r.IntN(len(clean))])
	}
	s := b.String()
	if len(s) > length+120 {
		s = s[:length]
		for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 { // do not cut a character in half
			s = s[:len(s)-1]
		}
		if len(s) > 0 && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
	}
	return s, bad && at >= 0
}

// Length draws a message length between 20 and 2000 bytes, most short.
func (g *Generator) Length() int {
	f := g.r.Float64()
	return 20 + int(1980*f*f*f)
}

// Corpus returns messages totalling at least size bytes.
func (g *Generator) Corpus(size int) []string {
	var out []string
	for total := 0; total < size; {
		m, _ := g.Message(g.Length())
		out = append(out, m)
		total += len(m)
	}
	return out
}
