package screen

// The intent detectors read one sentence at a time: payment outside the
// platform (V5) and requests for a positive review (V7). Both look for a
// cue and the context that makes it a request rather than a description
// ("I integrated PayPal checkout", "I have 200 five-star reviews").

// negated reports whether a negation stands within three tokens before
// i, or anywhere before it in the same clause ("I never accept PayPal or
// bank transfers outside the platform"; a comma ends the clause, as in
// "No worries, let's pay outside the platform").
func (sc *scan) negated(from, i int) bool {
	for k := i - 1; k >= from; k-- {
		if sc.toks[k].flags&(lxNeg|lxNot) != 0 {
			return true
		}
		if k < i-3 && sc.isPunct(k, ',') {
			return false
		}
	}
	return false
}

// nextWord returns the word at i+1, or "".
func (sc *scan) nextWord(i int) string {
	if i+1 < len(sc.toks) && sc.toks[i+1].kind == kWord {
		return sc.word(i + 1)
	}
	return ""
}

func (sc *scan) payments() {
	for si, st := range sc.sents {
		from, to := st.from, st.to
		payVerb := st.flags&lxPayVerb != 0
		tech := st.flags&lxTech != 0
		if st.flags&lxNeg != 0 && st.flags&lxPlatform != 0 && (payVerb || st.flags&lxFee != 0 || sc.priced(from, to)) && !tech {
			if i, k, ok := sc.platformRefused(from, to); ok {
				sc.add(OffPlatform, i, k, "off_platform", 0.85)
				continue
			}
		}
		if st.flags&(lxOutside|lxOff|lxAvoid|lxDirect|lxPayMethod) == 0 {
			continue
		}
		// negated records a cue the sentence denies ("I never accept PayPal
		// outside the platform"), so the learned layer does not overrule it.
		negated := func(i int) bool {
			n := sc.negated(from, i)
			sc.payDenied[si] = sc.payDenied[si] || n
			return n
		}
		for i := from; i < to; i++ {
			t := sc.toks[i]
			if t.kind != kWord {
				continue
			}
			switch {
			case t.flags&lxOutside != 0:
				// "outside (of) (the) platform"
				for k := i + 1; k < to && k <= i+3; k++ {
					if sc.toks[k].flags&lxPlatform != 0 {
						if !negated(i) {
							sc.add(OffPlatform, i, k, "off_platform", 0.92)
						}
						break
					}
				}
			case t.flags&lxOff != 0:
				k := i + 1
				if sc.isPunct(k, '-') || sc.is(k, "the") {
					k++
				}
				if k < to && sc.toks[k].flags&lxPlatform != 0 && !sc.is(k, "here") && !negated(i) {
					sc.add(OffPlatform, i, k, "off_platform", 0.92)
				}
			case t.flags&lxAvoid != 0:
				// "avoid / skip / save the (platform) fee(s)", "skip the middleman", "bypass Upwork"
				for k := i + 1; k < to && k <= i+5; k++ {
					if sc.toks[k].flags&lxFee != 0 && !sc.is(k, "cut") {
						if !negated(i) {
							sc.add(OffPlatform, i, k, "fee_avoidance", 0.88)
						}
						break
					}
					if k <= i+3 && sc.toks[k].flags&lxPlatform != 0 && !sc.is(k, "here") && !sc.is(k, "app") && !sc.is(k, "system") {
						if !negated(i) {
							sc.add(OffPlatform, i, k, "off_platform", 0.85)
						}
						break
					}
				}
			case t.flags&lxDirect != 0:
				if payVerb && !tech && !negated(i) {
					sc.add(OffPlatform, i, i, "direct_payment", 0.85)
				}
			}
			cashApp := sc.is(i, "cash") && sc.is(i+1, "app") // "app" names it here, not a technology
			if t.flags&lxPayMethod != 0 && (!tech || cashApp) && !negated(i) {
				if m, end, ok := sc.method(i, to, payVerb); ok {
					sc.add(OffPlatform, i, end, m, 0.85)
				}
			}
		}
	}
}

// priceWords make a sentence about what the work costs.
var priceWords = map[string]bool{"cheaper": true, "cheap": true, "lower": true, "less": true, "discount": true,
	"price": true, "rate": true, "save": true, "barato": true, "barata": true, "moins": true, "billiger": true, "deshevle": true, "sasta": true}

// priced reports whether tokens [from, to) speak of a price or a saving.
func (sc *scan) priced(from, to int) bool {
	for i := from; i < to; i++ {
		if sc.toks[i].kind == kWord && priceWords[sc.word(i)] {
			return true
		}
	}
	return false
}

// platformRefused finds the platform refused as the way to pay: a
// negation, then "through" (or "without" itself) and the platform, with
// only a verb of going or paying and an article between ("if we don't go
// through the site", "without Upwork", "not via the platform"); not the
// platform's fee or its anything ("the price without the platform fee",
// "without the platform's protection"). It returns the span.
func (sc *scan) platformRefused(from, to int) (int, int, bool) {
	for i := from; i < to; i++ {
		if sc.toks[i].kind != kWord || sc.toks[i].flags&lxNeg == 0 {
			continue
		}
		via := sc.is(i, "without")
	walk:
		for k := i + 1; k < to && k <= i+8; k++ {
			t := sc.toks[k]
			switch {
			case t.flags&lxVia != 0:
				via = true
			case via && t.flags&lxPlatform != 0:
				if sc.is(k, "here") || sc.is(k, "app") || sc.is(k, "system") ||
					k+1 < to && (sc.toks[k+1].flags&lxFee != 0 || sc.isPunct(k+1, '\'')) {
					break walk
				}
				return i, k, true
			case sc.isPunct(k, '\'') || t.kind == kWord && refusalFillers[sc.word(k)]:
			default:
				break walk
			}
		}
	}
	return 0, 0, false
}

// refusalFillers may stand between a negation and the platform it refuses.
var refusalFillers = map[string]bool{"t": true, "go": true, "going": true, "use": true, "using": true, "do": true,
	"pay": true, "paying": true, "it": true, "this": true, "the": true, "we": true, "to": true, "need": true}

// method decides whether the payment-method word at i is offered as a way
// to pay, and returns its canonical name and last token.
func (sc *scan) method(i, to int, payVerb bool) (string, int, bool) {
	w, next := sc.word(i), sc.nextWord(i)
	asVerb := i+1 < to && sc.toks[i+1].flags&lxMe != 0 // "zelle me", "venmo me"
	prep := i > 0 && sc.toks[i-1].flags&lxPrep != 0 || sc.is(i-1, "my")
	switch w {
	case "bank":
		if next == "account" || next == "transfer" || next == "details" || next == "deposit" || next == "wire" {
			return "bank_transfer", i + 1, payVerb || prep
		}
		return "", 0, false
	case "wise":
		return "wise", i, (prep || asVerb || next == "account" || next == "transfer") && (payVerb || asVerb)
	case "swift":
		return "bank_transfer", i, next == "code" || next == "transfer"
	case "wire":
		if next == "transfer" {
			return "bank_transfer", i + 1, true
		}
		return "bank_transfer", i, asVerb
	case "iban":
		return "bank_transfer", i, true
	case "cash":
		if next == "app" {
			return "cashapp", i + 1, payVerb || prep || asVerb
		}
		return "cash", i, payVerb && sc.is(i-1, "in") // "pay me in cash"
	case "western":
		return "western_union", i + 1, next == "union"
	}
	if asVerb && w != "crypto" && w != "bank" {
		return w, i, true
	}
	if sc.is(i-1, "my") { // "my PayPal is ...", "to my Venmo"
		return w, i, true
	}
	return w, i, payVerb || prep && i+1 < to && sc.nextWord(i) == "account"
}

// reviews finds a positive rating asked for or bought.
func (sc *scan) reviews() {
	for _, st := range sc.sents {
		if st.flags&lxReviewCue == 0 && !st.slash {
			continue
		}
		from, to := st.from, st.to
		for i := from; i < to; i++ {
			s, e, ok := sc.positivePhrase(i, from, to)
			if !ok {
				continue
			}
			// "I have over 200 five-star reviews" describes, it does not ask.
			self := false
			for k := s - 1; k >= from && k >= s-3; k-- {
				if sc.toks[k].flags&lxSelf != 0 {
					self = true
				}
			}
			if !self && st.flags&lxRequest != 0 {
				sc.add(PositiveReview, s, e, "positive_review", 0.85)
				break
			}
			i = e
		}
	}
}

// positivePhrase recognizes at i: "5-star review", "five stars", "positive
// feedback", "5/5", "rate me 5", "something nice".
func (sc *scan) positivePhrase(i, from, to int) (int, int, bool) {
	t := sc.toks[i]
	switch {
	case t.flags&lxReviewNoun != 0:
		for k := i - 1; k >= from && k >= i-3; k-- {
			if sc.toks[k].flags&lxPositive != 0 {
				return k, i, true
			}
		}
	case t.flags&lxDigits != 0 && sc.isPunct(i+1, '/') && i+2 < to && string(sc.bytesOf(i+2)) == string(sc.bytesOf(i)) && !sc.toks[i+2].gap:
		if sc.is(i, "5") || sc.is(i, "10") {
			return i, i + 2, true
		}
	case sc.is(i, "rate") && i+2 < to && sc.is(i+1, "me") && sc.toks[i+2].flags&lxPositive != 0:
		return i, i + 2, true
	case sc.is(i, "5") && sc.isPunct(i+1, '*') && sc.touching(i, i+1): // "leave 5*"
		return i, i + 1, true
	case sc.is(i, "something") && i+1 < to && sc.is(i+1, "nice"):
		return i, i + 1, true
	}
	return 0, 0, false
}

// cryptoAddresses finds wallet addresses: Bitcoin (1..., 3..., bc1...),
// Ethereum (0x and 40 hex digits) and Tron (T..., where USDT travels).
// Case is folded away, so shapes and lengths decide.
func (sc *scan) cryptoAddresses() {
	for i, t := range sc.toks {
		if t.kind != kWord || t.flags&lxHasDigit == 0 || t.flags&lxDigits != 0 || sc.used[i] {
			continue
		}
		w := sc.bytesOf(i)
		n := len(w)
		kind := ""
		switch {
		case n == 42 && w[0] == '0' && w[1] == 'x' && isHex(w[2:]):
			kind = "ethereum_address"
		case n >= 42 && n <= 62 && string(w[:3]) == "bc1":
			kind = "bitcoin_address"
		case n >= 26 && n <= 35 && (w[0] == '1' || w[0] == '3') && letters(w) >= 8:
			kind = "bitcoin_address"
		case n == 34 && w[0] == 't' && letters(w) >= 8:
			kind = "tron_address"
		}
		if kind != "" {
			sc.add(OffPlatform, i, i, kind, 0.8)
		}
	}
}

func isHex(w []byte) bool {
	for _, c := range w {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func letters(w []byte) int {
	n := 0
	for _, c := range w {
		if c >= 'a' && c <= 'z' {
			n++
		}
	}
	return n
}
