package screen

import "strings"

// label reads one domain label or local-part piece starting at token i:
// a word, glued to following words and to "-"/"_" joins written without
// spaces. It returns the text and the index after the label.
func (sc *scan) label(i int) (string, int, bool) {
	if i >= len(sc.toks) || sc.toks[i].kind != kWord {
		return "", i, false
	}
	j := i + 1
	for j < len(sc.toks) && !sc.toks[j].gap {
		t := sc.toks[j]
		if t.kind == kWord && t.form == fNone {
			j++
			continue
		}
		if sc.isPunct(j, '-') && j+1 < len(sc.toks) && !sc.toks[j+1].gap && sc.toks[j+1].kind == kWord && sc.toks[j].form == fNone {
			j += 2
			continue
		}
		break
	}
	// The label is its tokens' text without what stands between them:
	// nothing, unless a spaced-out run was glued ("j o h n").
	contiguous := true
	for k := i + 1; k < j; k++ {
		contiguous = contiguous && sc.touching(k-1, k)
	}
	if contiguous {
		return sc.foldedText(sc.toks[i].s, sc.toks[j-1].e), j, true
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		b.WriteString(sc.word(k))
	}
	return b.String(), j, true
}

// dotAfterLabel reports whether the label starting at word i is followed
// by a real, spoken or bracketed dot.
func (sc *scan) dotAfterLabel(i int) bool {
	if i+1 >= len(sc.toks) || sc.toks[i+1].gap && sc.toks[i+1].form == fNone {
		return false // the label ends at a space with no dot after it: the common case
	}
	j := i + 1
	for j < len(sc.toks) && !sc.toks[j].gap && (sc.toks[j].kind == kWord && sc.toks[j].form == fNone || sc.isPunct(j, '-')) {
		j++
	}
	f, after := sc.formAt(j)
	switch f {
	case fDotWord, fDotObf:
		return true
	case fDotLiteral:
		if after >= len(sc.toks) || sc.toks[after].kind != kWord {
			return false
		}
		if sc.toks[after].gap { // "rahul . org": spaces on both sides, a lower-case top-level domain
			return sc.toks[j].gap && sc.lowerTLD(after)
		}
		if sc.toks[j].gap { // "janedoe .com": a space before the dot, then a top-level domain
			return sc.spacedTLD(after)
		}
		// "10.15.7", "1.2": numbers, not names.
		return j != i+1 || sc.toks[i].flags&lxDigits == 0 || sc.toks[after].flags&lxHasDigit == 0
	}
	return false
}

// spacedTLD reports whether token i, after a dot written with spaces, is a
// top-level domain; in capitals it is a name (".NET", "ASP .NET").
func (sc *scan) spacedTLD(i int) bool {
	if i >= len(sc.toks) || sc.toks[i].flags&lxTLD == 0 {
		return false
	}
	t := sc.toks[i]
	orig := sc.text[sc.f.origStart(t.s):sc.f.origEnd(t.e-1)]
	return strings.ToUpper(orig) != orig || len(orig) < 3
}

// lowerTLD reports whether token i is a known top-level domain written
// in lower case, as an address written apart is ("site . com"), unlike the
// start of a sentence ("The end . Com is short").
func (sc *scan) lowerTLD(i int) bool {
	if i >= len(sc.toks) || sc.toks[i].flags&lxTLD == 0 {
		return false
	}
	t := sc.toks[i]
	orig := sc.text[sc.f.origStart(t.s):sc.f.origEnd(t.e-1)]
	return strings.ToLower(orig) == orig
}

// spacedDomain reports whether the name from token i ends in a known
// top-level domain.
func (sc *scan) spacedDomain(i int) bool {
	labels, _, _, ok := sc.dotted(i)
	return ok && len(labels) >= 2 && sc.lex(labels[len(labels)-1])&lxTLD != 0
}

// dotted reads label (dot label)* from token i: literal dots must touch
// both labels, spoken or bracketed dots may have spaces around them. It
// returns the labels, the last token, and whether any dot was obfuscated.
// The labels are valid until the next call.
func (sc *scan) dotted(i int) (labels []string, last int, obf bool, ok bool) {
	l, next, ok := sc.label(i)
	if !ok {
		return nil, i, false, false
	}
	labels = append(sc.labels[:0], l)
	last = next - 1
	for len(labels) < 8 {
		f, after := sc.formAt(last + 1)
		spaced := false
		switch {
		case f == fDotLiteral:
			if after >= len(sc.toks) {
				return sc.keepLabels(labels), last, obf, true
			}
			if sc.toks[last+1].gap || sc.toks[after].gap { // "janedoe .com", "gmail . com"
				if !sc.spacedTLD(after) || sc.toks[after].gap && !sc.lowerTLD(after) {
					return sc.keepLabels(labels), last, obf, true
				}
				spaced = true
			}
		case f == fDotWord || f == fDotObf:
		default:
			return sc.keepLabels(labels), last, obf, true
		}
		l, next, ok := sc.label(after)
		if !ok {
			return sc.keepLabels(labels), last, obf, true
		}
		if f != fDotLiteral || spaced {
			obf = true
		}
		labels, last = append(labels, l), next-1
	}
	return sc.keepLabels(labels), last, obf, true
}

// keepLabels keeps the labels' array for the next call of dotted.
func (sc *scan) keepLabels(labels []string) []string {
	sc.labels = labels
	return labels
}

// localBefore reads an email local part ending at token end, backwards.
func (sc *scan) localBefore(end int) (string, int, bool) {
	if end < 0 || sc.toks[end].kind != kWord || sc.toks[end].form != fNone {
		return "", end, false
	}
	parts := []string{sc.word(end)}
	start := end
	for len(parts) < 16 && start > 0 {
		prev := start - 1
		t := sc.toks[start]
		if sc.toks[prev].kind == kWord && !t.gap && sc.toks[prev].form == fNone {
			parts = append(parts, sc.word(prev))
			start = prev
			continue
		}
		if prev >= 1 && !t.gap && !sc.toks[prev].gap && sc.toks[prev-1].kind == kWord &&
			(sc.isPunct(prev, '.') || sc.isPunct(prev, '-') || sc.isPunct(prev, '+')) {
			parts = append(parts, sc.word(prev), sc.word(prev-1))
			start = prev - 1
			continue
		}
		if f, fs := sc.formEndingAt(prev); (f == fDotWord || f == fDotObf) && fs >= 1 && sc.toks[fs-1].kind == kWord && sc.toks[fs-1].form == fNone {
			parts = append(parts, ".", sc.word(fs-1))
			start = fs - 1
			continue
		}
		break
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	return b.String(), start, true
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func (sc *scan) lex(w string) uint64 {
	e, _ := lookup([]byte(w), lexHash([]byte(w)))
	return e.flags
}

// emails finds addresses around every form of @.
func (sc *scan) emails() {
	for _, k32 := range sc.ats {
		k := int(k32)
		f, after := sc.formAt(k)
		if f == fAtLiteral && (sc.toks[k].gap || after >= len(sc.toks) || sc.toks[after].gap) {
			// "jane.doe @ gmail . com" is an address written apart; "is @li.kim" is a handle.
			if !(sc.toks[k].gap && after < len(sc.toks) && sc.toks[after].gap && sc.spacedDomain(after)) {
				continue
			}
			f = fAtObf
		}
		if after >= len(sc.toks) || sc.toks[after].kind != kWord {
			continue
		}
		bare := sc.toks[after].flags&lxBareProvider != 0 && !sc.dotAfterLabel(after)
		if !bare && !sc.dotAfterLabel(after) {
			continue // no domain after it: "at 9:30", "at Shopify"
		}
		local, start, ok := sc.localBefore(k - 1)
		if !ok {
			continue
		}
		if bare {
			// "jane dot doe at gmail": the provider names the domain. A plain
			// word before "at" needs an email cue nearby ("I worked at Yahoo").
			cue := false
			for c := start - 1; c >= 0 && c >= start-5; c-- {
				cue = cue || sc.toks[c].flags&lxEmailCue != 0
			}
			if f != fAtLiteral && (sc.lex(local)&lxStop != 0 || !(cue || hasDigit(local) || strings.ContainsAny(local, "._"))) {
				continue
			}
			sc.add(Email, start, after, local+"@"+sc.word(after)+".com", 0.85)
			sc.markUsed(start, after)
			continue
		}
		labels, last, obf, ok := sc.dotted(after)
		if !ok || len(labels) < 2 {
			continue
		}
		tld := labels[len(labels)-1]
		known := sc.lex(tld)&lxTLD != 0
		if f == fAtLiteral && !obf {
			if !isAlpha(tld) || len(tld) < 2 || len(tld) > 24 {
				continue
			}
		} else if !known {
			continue
		}
		conf := 0.97
		if f == fAtWord {
			// "look at google.com" is a site, not an address: a spoken "at"
			// needs a local part that is not a common word, and some sign of
			// deliberate hiding or a mail provider.
			provider := sc.lex(labels[0])&lxMailProvider != 0
			// A dot spoken or bracketed is deliberate hiding; spaces around a
			// real dot are not ("my portfolio lives at jane . me" is a site).
			hidden := false
			for k := after; k <= last; k++ {
				hidden = hidden || sc.toks[k].form == fDotWord || sc.toks[k].form == fDotObf
			}
			if sc.lex(local)&lxStop != 0 || !(provider || hidden || hasDigit(local) || strings.ContainsAny(local, "._")) {
				continue
			}
			conf = 0.9
		}
		sc.add(Email, start, last, local+"@"+strings.Join(labels, "."), conf)
		sc.markUsed(start, last)
	}
}

// spokenPhraseTLD are top-level domains that are also prepositions of the
// corpus languages ("de", "da", "do", "en", "in"): after a spoken dot and
// before another word they continue a phrase.
var spokenPhraseTLD = map[string]bool{"de": true, "da": true, "do": true, "en": true, "in": true}

// techNames are dotted names of technologies that look like domains.
var techNames = map[string]bool{"asp.net": true, "vb.net": true, "ado.net": true, "dot.net": true,
	"socket.io": true, "fly.io": false}

// urls finds web addresses: with a scheme, www., or a known top-level
// domain, written with real, spoken or bracketed dots.
//
// An address starts only at a word the tokenizer noted in names, so the
// other tokens are not looked at; done is the last token of the last
// address.
func (sc *scan) urls() {
	done := -1
	for _, k := range sc.names {
		i := int(k)
		if i <= done || sc.used[i] || sc.toks[i].kind != kWord || sc.toks[i].form != fNone {
			continue
		}
		if i > 0 && !sc.toks[i].gap && (sc.toks[i-1].kind == kWord || sc.isPunct(i-1, '.') || sc.isPunct(i-1, '@') || sc.isPunct(i-1, '-')) {
			continue
		}
		start, from, scheme := i, i, false
		if sc.f.b[sc.toks[i].s] == 'h' && (sc.is(i, "http") || sc.is(i, "https")) && sc.isPunct(i+1, ':') && sc.isPunct(i+2, '/') && sc.isPunct(i+3, '/') {
			scheme, from = true, i+4
		} else if !sc.dotAfterLabel(i) {
			continue // no dot after the first label: not a name (the common case, checked cheaply)
		}
		labels, last, obf, ok := sc.dotted(from)
		if !ok || len(labels) < 2 {
			continue
		}
		tld := labels[len(labels)-1]
		valid := sc.lex(tld)&lxTLD != 0 || (scheme || labels[0] == "www") && isAlpha(tld) && len(tld) >= 2
		for _, l := range labels {
			if !strings.ContainsAny(l, "abcdefghijklmnopqrstuvwxyz") {
				valid = false
			}
		}
		if scheme && len(labels) == 4 && isIPv4(labels) {
			valid = true // http://216.239.39.100/...
		}
		if !valid {
			continue // the name is not a host: nothing more to read (the common case)
		}
		host := strings.Join(labels, ".")
		if techNames[host] || obf && (sc.lex(labels[0])&lxStop != 0 || len(labels[0]) < 2) {
			valid = false
		}
		if obf && spokenPhraseTLD[tld] && last+1 < len(sc.toks) && sc.toks[last+1].kind == kWord {
			// A spoken dot before a top-level domain that is also a
			// preposition, with a word after it, is a phrase: "punto de
			// venta", "ponto de venda", "point de vue" (point of sale, of
			// view), not an address in .de.
			valid = false
		}
		end := last
		if sc.isPunct(end+1, '/') && !sc.toks[end+1].gap {
			end++
			for end+1 < len(sc.toks) && !sc.toks[end+1].gap && sc.toks[end+1].kind != kOther {
				end++
			}
			for end > last+1 && sc.toks[end].kind == kPunct && !sc.isPunct(end, '/') {
				end-- // trailing punctuation ends a sentence, not the path
			}
		} else if len(labels[0]) == 1 && !scheme {
			valid = false // "e.g", "i.e": one-letter names need a path to count (t.me/x)
		}
		if !valid {
			continue
		}
		conf := 0.95
		if obf {
			conf = 0.85
		}
		sc.add(URL, start, end, host, conf)
		if paymentHosts[strings.TrimPrefix(host, "www.")] {
			sc.add(OffPlatform, start, end, host, 0.9) // a payment link asks to be paid there
		}
		sc.markUsed(start, end)
		done = end
	}
}

// paymentHosts are sites whose links collect money.
var paymentHosts = map[string]bool{"paypal.me": true, "paypal.com": true, "venmo.com": true, "cash.app": true,
	"wise.com": true, "buymeacoffee.com": true, "ko-fi.com": true, "revolut.me": true}

// messengerNames canonicalizes messenger words.
var messengerNames = map[string]string{"insta": "instagram", "ig": "instagram", "fb": "facebook", "tg": "telegram",
	"snap": "snapchat", "kakao": "kakaotalk", "wasap": "whatsapp", "guasap": "whatsapp", "watsap": "whatsapp",
	"whatsap": "whatsapp", "vatsap": "whatsapp", "votsap": "whatsapp", "zapzap": "whatsapp", "wpp": "whatsapp",
	"telega": "telegram", "telege": "telegram", "telegi": "telegram", "tgram": "telegram"}

// handles finds messenger handles ("telegram @x", "skype: x") and requests
// to move the conversation to a messenger ("let's talk on WhatsApp").
func (sc *scan) handles() {
	for _, k := range sc.services {
		i := int(k)
		t := sc.toks[i]
		if t.kind != kWord || t.flags&lxMessenger == 0 || sc.used[i] {
			continue
		}
		name, last := sc.word(i), i
		if n, ok := messengerNames[name]; ok {
			name = n
		}
		if name == "whats" { // "whats app"
			if !sc.is(i+1, "app") {
				continue
			}
			name, last = "whatsapp", i+1
		}
		// "my handle on telegram is jane": the word naming a handle may come first.
		named := false
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			named = named || sc.is(k, "handle") || sc.is(k, "username") || sc.is(k, "id")
		}
		if h, end, ok := sc.handleAfter(last, named); ok {
			sc.add(Handle, i, end, name+":"+h, 0.9)
			sc.markUsed(i, end)
			continue
		}
		// "@jane_doe on insta": the handle comes first ("@mentions in Slack" does not).
		if i >= 3 && sc.is(i-1, "on") && sc.toks[i-2].kind == kWord && sc.isPunct(i-3, '@') && sc.touching(i-3, i-2) {
			sc.add(Handle, i-3, last, name+":"+sc.word(i-2), 0.85)
			sc.markUsed(i-3, last)
			continue
		}
		// "whatsapp me": the messenger as a verb.
		if last+1 < len(sc.toks) && sc.toks[last+1].flags&lxMe != 0 {
			sc.add(Handle, i, last+1, name, 0.8)
			continue
		}
		if last+1 < len(sc.toks) && sc.toks[last+1].flags&lxTechNoun != 0 {
			continue
		}
		if i == 0 || sc.toks[i-1].flags&lxPrep == 0 && !sc.is(i-1, "my") {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-7 && !sc.sentenceEnd(j); j-- {
			if sc.toks[j].flags&lxContactVerb != 0 {
				if !sc.thirdParty(j+1, i) {
					sc.add(Handle, i, last, name, 0.75)
				}
				break
			}
		}
	}
}

// thirdParties are the people a business talks to, and its team: "chat
// with our customers on WhatsApp" or "use @mentions in Slack to reach the
// team" describe the work and its tools, not a way to reach the writer.
var thirdParties = map[string]bool{"customers": true, "customer": true, "users": true, "clients": true, "members": true,
	"followers": true, "subscribers": true, "audience": true, "community": true, "students": true, "patients": true,
	"buyers": true, "leads": true, "visitors": true, "guests": true, "fans": true, "players": true,
	"team": true, "teams": true, "teammates": true, "equipo": true, "equipe": true, "equipa": true,
	"komanda": true, "komandy": true, "komandoj": true,
	"clientes": true, "usuarios": true, "utilizadores": true, "alunos": true, "seguidores": true,
	"utilisateurs": true, "abonnes": true, "eleves": true, "kunden": true, "nutzer": true, "benutzer": true, "mitglieder": true,
	"klientami": true, "klientov": true, "polzovatelyami": true, "podpischikami": true, "grahakon": true, "grahak": true}

// thirdParty reports whether the words in tokens [from, to) name the
// people a business talks to or its team.
func (sc *scan) thirdParty(from, to int) bool {
	for k := from; k < to; k++ {
		if sc.toks[k].kind == kWord && thirdParties[sc.word(k)] {
			return true
		}
	}
	return false
}

// handleAfter reads the handle after a messenger word at i, across fillers
// such as "id is", ":" or "my", and reports its text and last token.
func (sc *scan) handleAfter(i int, explicit bool) (string, int, bool) {
	j := i + 1
	for n := 0; n < 4 && j < len(sc.toks); n++ {
		t := sc.toks[j]
		if t.kind == kPunct && strings.IndexByte(":,-=", sc.f.b[t.s]) >= 0 {
			explicit = explicit || sc.f.b[t.s] == ':'
			j++
			continue
		}
		if t.kind == kWord && t.flags&lxFiller != 0 && t.form != fAtWord {
			explicit = explicit || sc.is(j, "id") || sc.is(j, "handle") || sc.is(j, "username")
			j++
			continue
		}
		break
	}
	if sc.isPunct(j, '@') {
		explicit = true
		j++
	}
	if j+1 < len(sc.toks) && sc.is(j, "live") && sc.isPunct(j+1, ':') {
		explicit = true
		j += 2
	}
	if j >= len(sc.toks) || sc.toks[j].kind != kWord || (sc.toks[j].gap && sc.isPunct(j-1, '@')) ||
		sc.is(j, "plus") && j+1 < len(sc.toks) && sc.isDigitish(j+1) { // "WhatsApp: plus one five ...": a phone
		return "", 0, false
	}
	if sc.used[j] { // "WhatsApp: wa.me/..." is a link and, named so, a handle too
		if !explicit {
			return "", 0, false
		}
		return sc.word(j), j, true
	}
	var b strings.Builder
	end := j
	b.WriteString(sc.word(j))
	for end+2 < len(sc.toks) && !sc.toks[end+1].gap && !sc.toks[end+2].gap && sc.toks[end+2].kind == kWord &&
		(sc.isPunct(end+1, '.') || sc.isPunct(end+1, '-')) {
		b.WriteByte(sc.f.b[sc.toks[end+1].s])
		b.WriteString(sc.word(end + 2))
		end += 2
	}
	h := b.String()
	f := sc.lex(h)
	if len(h) < 3 || f&(lxStop|lxTechNoun|lxPrep|lxContactVerb) != 0 ||
		!(explicit || hasDigit(h) || strings.ContainsAny(h, "._")) {
		return "", 0, false
	}
	return h, end, true
}

func isIPv4(labels []string) bool {
	for _, l := range labels {
		if len(l) == 0 || len(l) > 3 || strings.Trim(l, "0123456789") != "" {
			return false
		}
	}
	return true
}

// userAt reads a user name written without spaces from token i: words
// joined by touching ".", "_" or "-" ("jane.doe88"). It reports the name
// and its last token, if it looks like an account rather than a word: two
// letters or more, and a digit or a separator inside.
func (sc *scan) userAt(i int) (string, int, bool) {
	if i < 0 || i >= len(sc.toks) || sc.toks[i].kind != kWord || sc.used[i] {
		return "", i, false
	}
	var b strings.Builder
	b.WriteString(sc.word(i))
	end := i
	for end+2 < len(sc.toks) && sc.touching(end, end+1) && sc.touching(end+1, end+2) && sc.toks[end+2].kind == kWord &&
		(sc.isPunct(end+1, '.') || sc.isPunct(end+1, '-')) {
		b.WriteByte(sc.f.b[sc.toks[end+1].s])
		b.WriteString(sc.word(end + 2))
		end += 2
	}
	u := b.String()
	return u, end, letters([]byte(u)) >= 2 && (hasDigit(u) || strings.ContainsAny(u, "._-")) && sc.lex(u)&lxTLD == 0
}

// namedFillers may stand between a mail provider and the user name:
// "my Gmail is jane88", "mi Gmail es ...", "mon Gmail c'est ...".
var namedFillers = map[string]bool{"is": true, "es": true, "e": true, "est": true, "c": true, "ist": true, "eto": true,
	"hai": true, "as": true, "como": true, "comme": true, "als": true, "kak": true, "id": true, "handle": true,
	"par": true, "pe": true, "mujhe": true}

// namedProviders finds an address given as a mail provider and a user
// name without the "@" ("my Gmail is jane.doe88", "jsharma123 on Yahoo"):
// the provider names the domain.
//
// A provider whose name is also an everyday word (Web, Orange, Mail, Live)
// counts when a possessive names it as the member's ("my Web is
// ana.almeida57", "mi Orange es chloe6054"); a possessive may also stand
// between the preposition and the provider ("aivanova394 en tu Aol").
func (sc *scan) namedProviders() {
	for _, k := range sc.services {
		i, t := int(k), sc.toks[k]
		if t.kind != kWord || sc.used[i] || t.flags&lxBareProvider == 0 &&
			!(t.flags&lxMailProvider != 0 && i > 0 && sc.toks[i-1].flags&lxPossessive != 0) {
			continue
		}
		domain := sc.word(i) + ".com"
		// After: provider, fillers, user.
		j := i + 1
		for n := 0; n < 3 && j < len(sc.toks) && (sc.isPunct(j, ':') || sc.isPunct(j, '\'') || namedFillers[sc.word(j)]); n++ {
			j++
		}
		if u, end, ok := sc.userAt(j); ok {
			sc.add(Email, i, end, u+"@"+domain, 0.75)
			sc.markUsed(i, end)
			continue
		}
		// Before: user, a preposition, provider ("jane88 on Gmail", "lucas.silva no Gmail").
		p := i - 1
		if p >= 0 && sc.toks[p].flags&lxPossessive != 0 {
			p-- // "en tu Aol", "on my Yahoo"
		}
		if p >= 1 && (sc.toks[p].flags&lxPrep != 0 || sc.is(p, "en") || sc.is(p, "no") || sc.is(p, "sur") || sc.is(p, "bei") || sc.is(p, "na") || sc.is(p, "par")) {
			k := p - 1
			for k >= 2 && sc.touching(k-1, k) && sc.touching(k-2, k-1) && (sc.isPunct(k-1, '.') || sc.isPunct(k-1, '-')) && sc.toks[k-2].kind == kWord {
				k -= 2
			}
			if u, end, ok := sc.userAt(k); ok && end == p-1 {
				sc.add(Email, k, i, u+"@"+domain, 0.75)
				sc.markUsed(k, i)
			}
		}
	}
}

// splitAddresses finds an address cut in two so that no "@" joins it: a
// user name, then within a sentence or two a mail provider's domain
// ("my mailbox starts with tom6722. Then add orange dot fr"). The domain
// must be written as one (dots real, spoken or bracketed) and the user
// name must look like an account (a digit or a separator inside). With
// custom, the domain may be any ("rocha-media point me") when a word for
// email stands at most eight tokens before the user name ("my email starts
// with ...", "Meine Adresse fängt mit ... an").
func (sc *scan) splitAddresses(custom bool) {
	cands := sc.services
	if custom {
		cands = sc.domainStarts()
	}
	for _, k := range cands {
		i := int(k)
		t := &sc.toks[i]
		if t.kind != kWord || sc.used[i] || (t.flags&lxMailProvider == 0) != custom || !sc.dotAfterLabel(i) {
			continue
		}
		if i > 0 && (isAtForm(sc.toks[i-1].form) || sc.toks[i].flags&lxStop != 0) {
			continue // an address written whole, handled by emails
		}
		labels, last, _, ok := sc.dotted(i)
		if !ok || len(labels) < 2 || sc.lex(labels[len(labels)-1])&lxTLD == 0 {
			continue
		}
		for k := i - 2; k >= 0 && k >= i-14; k-- {
			u, end, ok := sc.userAt(k)
			if !ok || end >= i || sc.toks[k].gap == false && k > 0 && sc.toks[k-1].kind == kWord {
				continue
			}
			for k >= 2 && sc.touching(k-2, k-1) && sc.touching(k-1, k) && (sc.isPunct(k-1, '.') || sc.isPunct(k-1, '-')) {
				// The whole user name, "lucia.gomez77" and not "gomez77".
				u2, end2, ok2 := sc.userAt(k - 2)
				if !ok2 || end2 != end {
					break
				}
				k, u = k-2, u2
			}
			if custom && !sc.emailCueBefore(k) {
				break
			}
			sc.add(Email, k, last, u+"@"+strings.Join(labels, "."), 0.7)
			sc.markUsed(k, last)
			break
		}
	}
}

// domainStarts returns the word tokens followed by a dot (real, spoken or
// bracketed) that are not mail providers: where a custom domain may start.
func (sc *scan) domainStarts() []int32 {
	var out []int32
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.kind == kWord && t.flags&(lxMailProvider|lxDot|lxDigits) == 0 && i+1 < len(sc.toks) &&
			(sc.toks[i+1].kind == kPunct || sc.toks[i+1].flags&lxDot != 0) && sc.dotAfterLabel(i) {
			out = append(out, int32(i))
		}
	}
	return out
}

// emailCueBefore reports whether a word for email stands at most eight
// tokens before token k.
func (sc *scan) emailCueBefore(k int) bool {
	for c := k - 1; c >= 0 && c >= k-8; c-- {
		if sc.toks[c].flags&lxEmailCue != 0 {
			return true
		}
	}
	return false
}
