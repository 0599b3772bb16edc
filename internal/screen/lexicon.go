package screen

import "strings"

// Lexicon classes. Each word of the text is looked up once; detectors then
// test bits instead of strings.
const (
	lxAt uint64 = 1 << iota
	lxDot
	lxDigits
	lxNumWord
	lxZero // "o", "oh": zero inside a run of digits
	lxRepeat
	lxTLD
	lxMessenger
	lxContactVerb
	lxPrep
	lxTechNoun
	lxPayMethod
	lxPayVerb
	lxTech
	lxNeg
	lxPlatform
	lxFee
	lxAvoid
	lxOutside
	lxDirect
	lxPhoneCue
	lxNotPhone
	lxMailProvider
	lxStop
	lxReviewNoun
	lxPositive
	lxRequest
	lxSelf
	lxFiller
	lxMe
	lxWeakNum  // number words that are also everyday words elsewhere ("due", "un", "um")
	lxHasDigit // the word has a digit
	lxOff      // "off"
	lxReviewCue
	lxBareProvider // a mail provider that names its domain alone ("at gmail")
	lxEmailCue
	lxFair  // leaves the rating to the reviewer: "honest", "fair", "whatever"
	lxVia   // "through", "via", "über": paying by way of something
	lxVenue // the platform and its means of paying: "platform", "escrow", "milestones"
	lxNot   // a negation in a language other than English ("pas", "nicht", "nahi")
	lxPossessive
)

type lexEntry struct {
	flags uint64
	digit int8
}

// lexicon maps a folded word to its classes. Built once, never changed.
var lexicon = buildLexicon()

// lexHash is FNV-1a over a folded word read through the skeleton table:
// the tokenizer computes it while it reads the word, so a lookup costs no
// second pass over the bytes, and for a word of letters it is also the
// hash of the word's unigram feature, which the learned layer reads from
// the token instead of hashing the word again.
func lexHash(w []byte) uint32 {
	h := uint32(seedWord)
	for _, c := range w {
		h = (h ^ uint32(skeleton[c])) * 16777619
	}
	return h
}

// lexSlots is the size of lexTable (a power of two, at least four times
// the number of lexicon words, so probes are short).
const lexSlots = 1 << 12

// lexWord is a word of the lexicon and its entry.
type lexWord struct {
	word string
	e    lexEntry
}

// lexWords are the words of the lexicon, in no particular order.
var lexWords = func() []lexWord {
	ws := make([]lexWord, 0, len(lexicon))
	for w, e := range lexicon {
		ws = append(ws, lexWord{w, e})
	}
	return ws
}()

// lexSlot is one slot of lexTable: a word's hash and its index in
// lexWords plus one, or ref 0 when empty. Eight bytes a slot keep the
// table in 32 KiB, where a probe that finds nothing (most words of a
// text) reads one cache line and no word.
type lexSlot struct {
	h, ref uint32
}

// lexTable is the lexicon as an open-addressing table over lexHash,
// probed linearly: a Go map would hash the word a second time.
var lexTable = func() (t [lexSlots]lexSlot) {
	if len(lexWords)*4 > lexSlots {
		panic("screen: lexTable too small for the lexicon")
	}
	for k, lw := range lexWords {
		h := lexHash([]byte(lw.word))
		i := h & (lexSlots - 1)
		for t[i].ref != 0 {
			i = (i + 1) & (lexSlots - 1)
		}
		t[i] = lexSlot{h: h, ref: uint32(k + 1)}
	}
	return t
}()

// lookup returns the lexicon entry of word w, whose lexHash is h.
func lookup(w []byte, h uint32) (lexEntry, bool) {
	for i := h & (lexSlots - 1); ; i = (i + 1) & (lexSlots - 1) {
		s := lexTable[i]
		if s.ref == 0 {
			return lexEntry{}, false
		}
		if s.h == h {
			if lw := &lexWords[s.ref-1]; lw.word == string(w) {
				return lw.e, true
			}
		}
	}
}

func buildLexicon() map[string]lexEntry {
	m := map[string]lexEntry{}
	add := func(flag uint64, words string) {
		for _, w := range strings.Fields(words) {
			e, ok := m[w]
			if !ok {
				e.digit = -1
			}
			e.flags |= flag
			m[w] = e
		}
	}
	digits := func(d int8, words string) {
		for _, w := range strings.Fields(words) {
			e, ok := m[w]
			if !ok {
				e.digit = -1
			}
			e.flags |= lxNumWord
			e.digit = d
			m[w] = e
		}
	}
	// "at" and "dot" spoken in the corpus languages: arroba (es, pt),
	// arobase (fr), Klammeraffe (de), sobaka (ru, "dog"); punto, ponto,
	// point, Punkt, tochka.
	add(lxAt, "at arroba arobase klammeraffe sobaka")
	add(lxDot, "dot punto ponto point punkt tochka")
	// Number words in English, Spanish, Portuguese, French, German and Italian
	// (folded: no diacritics).
	digits(0, "zero cero null nul")
	digits(1, "one uno um un une eins")
	digits(2, "two dos dois deux zwei due")
	digits(3, "three tres trois drei tre")
	digits(4, "four cuatro quatro quatre vier quattro")
	digits(5, "five cinco cinq funf fuenf cinque")
	digits(6, "six seis sechs sei")
	digits(7, "seven siete sete sept sieben sette")
	digits(8, "eight ocho oito huit acht otto")
	digits(9, "nine nueve nove neuf neun")
	// Russian and Hindi, as typed in Latin letters.
	digits(0, "nol shunya")
	digits(1, "odin ek")
	digits(2, "dva do")
	digits(3, "tri teen")
	digits(4, "chetyre char")
	digits(5, "pyat paanch panch")
	digits(6, "shest chhe")
	digits(7, "sem saat")
	digits(8, "vosem aath")
	digits(9, "devyat nau")
	add(lxWeakNum, "due un une um dos otto null tre sei nol odin ek do teen char sem nau saat")
	add(lxZero, "o oh")
	add(lxRepeat, "double triple")
	// Top-level domains counted without a scheme or www. Left out on purpose:
	// the ones that are also common file extensions (ai, md, py, rs, so, pm,
	// cc, mk, am, sh, pl), since members name files far more than sites.
	add(lxTLD, "com net org edu gov mil int io co me dev app info biz us uk de fr es it nl ru in br ca au jp cn tv xyz "+
		"il is lt lv ee si sk hr ba al by kz ge az ir iq sa ae qa kw om jo lb sy pe ve ec uy bo cr pa do gt "+
		"online store tech design studio agency blog shop page art link cloud pro eu ch se no dk fi pt be at ie "+
		"nz za mx ar cl tr ua kr sg hk tw ph vn pk ng ke gr cz hu ro bg ly gl gg ws fm tk mobi name email live "+
		"club space website media digital world network solutions services consulting portfolio codes team gy")
	add(lxMessenger, "skype whatsapp telegram signal wechat discord instagram insta ig viber snapchat kik "+
		"facebook fb messenger twitter tiktok threema icq imessage hangouts linkedin kakaotalk kakao zalo slack facetime gchat "+
		"tg snap whats "+
		// Their names as members say them in the corpus languages.
		"wasap guasap watsap whatsap vatsap votsap zapzap wpp telega telege telegi tgram")
	add(lxContactVerb, "talk chat message messages msg text texting add ping hit reach call contact continue move "+
		"switch dm write find connect speak discuss catch hmu follow join email mail communicate converse")
	add(lxPrep, "on via over through in to at by using thru")
	add(lxTechNoun, "bot bots api apis business marketing integration integrations app apps campaign campaigns ads "+
		"clone sdk webhook webhooks chatbot chatbots automation store shop mini channel channels group groups "+
		"development developer template templates plugin widget stickers filter filters ui design clone "+
		"account_manager analytics growth reels posts content influencer influencers")
	add(lxPayMethod, "paypal venmo zelle wise transferwise payoneer cashapp skrill revolut westernunion moneygram "+
		"bitcoin btc usdt usdc eth ethereum crypto cryptocurrency tether binance iban swift wire gcash paytm "+
		"alipay interac bank pix upi cash western bizum phonepe yoomoney qiwi googlepay gpay applepay mbway webmoney payeer")
	add(lxPayVerb, "pay paid paying payment payments send sending sent transfer transferring wire settle accept "+
		"accepting take receive tip invoice")
	add(lxTech, "integrate integrated integrating integration checkout api sdk gateway plugin built build building "+
		"develop developed developer implement implemented app webhook webhooks statement statements ocr dashboard "+
		"clone merchant subscription stripe library parse parsing reconciliation compliance")
	add(lxNeg, "not never no dont don cant cannot wont won shouldn nt without")
	add(lxPlatform, "platform platforms site upwork fiverr here marketplace app website system middleman books "+
		"plataforma plateforme plattform platforma platformy platforme platformu sajt sajta sajte sitio pagina seite webseite")
	add(lxFee, "fee fees commission commissions cut "+
		"comision comisiones comissao comissoes frais gebuhr gebuhren provision komissiya komissiyu komissii")
	add(lxAvoid, "avoid avoiding skip skipping save saving bypass bypassing dodge escape cut evade "+
		"evitar evitemos evitamos saltar saltemos ahorrar ahorramos ahorrarnos economizar economizamos pular pulemos "+
		"eviter evitons contourner economiser economisons umgehen vermeiden sparen obojti obojdem sekonomit sekonomim")
	add(lxOutside, "outside fuera afuera fora hors dehors ausserhalb vne")
	add(lxDirect, "directly direct")
	add(lxPhoneCue, "call text phone number num tel mobile cell whatsapp sms reach contact ring dial viber "+
		"telephone cellphone ph mob nr no "+
		"numero telefono telefone celular movil portable handy nummer telefonnummer nomer telefon mobilnyj mobile "+
		"llamame llama marca marcar liga ligue appelez appelle anrufen rufen ruf zvonite zvoni")
	add(lxNotPhone, "isbn order tracking invoice serial sn ref reference ticket version v id sku model part pin otp "+
		"code zip postal po case account acct iban swift transaction txn receipt booking confirmation policy lot batch")
	add(lxMailProvider, "gmail googlemail yahoo hotmail outlook proton protonmail icloud aol mail gmx yandex zoho "+
		"live msn me orange rediffmail uol web")
	add(lxBareProvider, "gmail yahoo hotmail outlook icloud aol gmx yandex protonmail proton rediffmail uol")
	add(lxEmailCue, "email emails mail e-mail write contact reach inbox mailbox "+
		// Email and mailbox in the other corpus languages.
		"correo buzon endereco caixa courriel adresse messagerie postfach mailadresse pochta pochty pochtu yashchik")
	add(lxStop, "me us you him her them it here there this that home work look site available the a an our "+
		"my your his their is are was be we i they meet office noon night morning least most best first last "+
		"for from with and or but of business")
	add(lxReviewNoun, "review reviews feedback rating ratings star stars")
	add(lxPositive, "positive good great nice glowing excellent perfect top high highest highly best amazing awesome "+
		"5 five 10 ten 100")
	add(lxRequest, "please pls plz could would can will leave give write rate click mark if exchange appreciate "+
		"mean help want need let kindly hope discount bonus free refund reward gift coupon")
	add(lxSelf, "have has had got earned received over with")
	add(lxFiller, "id is me handle username user name my number account at on")
	add(lxMe, "me us")
	add(lxOff, "off")
	add(lxReviewCue, "review reviews feedback rating ratings star stars rate something")
	// Words that leave the rating to the reviewer, in the corpus languages
	// (Russian and Hindi as typed in Latin letters): a request that says
	// "honest", "fair" or "whatever you think" asks for a review, not for a
	// good one.
	add(lxFair, "honest honestly honesty fair fairly sincere sincerely truthful truthfully candid candidly "+
		"objective objectively unbiased impartial whatever genuine genuinely "+
		"honesta honesto honestas honestos honestamente honestidad honestidade sincera sincero sinceras sinceros "+
		"sinceramente justa justo justas justos imparcial objetiva objetivo objetivamente "+
		"honnete honnetes honnetement sincere sinceres sincerement juste justes impartiale objectif objectivement "+
		"ehrlich ehrliche ehrlichen ehrlicher ehrliches faire fairen aufrichtig aufrichtige objektiv objektive unparteiisch "+
		"chestnyj chestnoj chestnuyu chestno chestnye chestnyy chestnyi spravedlivo spravedlivyj spravedlivoj "+
		"spravedlivuyu obektivno obektivnyj obektivnuyu iskrenne iskrennij "+
		"imandari imaandari imandaar imaandaar sachchi sacchi sachcha saccha sahi")
	add(lxVia, "through thru via uber por pela pelo par cherez")
	// "my" and "your" in the corpus languages, before a provider named as
	// the member's ("my Web", "mi Orange", "tu Aol", "mera GMX").
	add(lxPossessive, "my your mi mis tu tus mon ma mes ton ta mein meine meinem meinen dein deine meu minha teu tua "+
		"moj moy moya moyu tvoj mera meri mere tera teri")
	add(lxNot, "ne pas jamais nunca nao nem nicht kein keine keinen nie niemals net nikogda nahi nahin mat")
	add(lxVenue, "platform platforms plataforma plateforme plattform platforma platformu site sitio website "+
		"marketplace upwork fiverr escrow milestone milestones contract contrato contrat vertrag kontrakt")
	return m
}
