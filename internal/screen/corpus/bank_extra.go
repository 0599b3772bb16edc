package corpus

// extraSentences are a second round of hand-written sentences for the
// families the first model generalized worst to (paraphrases, euphemisms,
// exchanges), and more honest text on the same topics. They are appended
// to the banks of each language in init.
var extraSentences = map[string]bank{
	"en": {
		"pay_paraphrase": `Skip the milestone and just wire what we agreed once I'm done.
When the work is finished, send the amount to me and we're square.
Let's not bother with the contract payment, I'll send you where to deposit it.
You can settle with me personally after delivery, it's quicker.
Put the money in my account yourself and I'll mark everything done.
I'd rather receive it straight into my own account this time.`,
		"pay_fee": `They take too much from each payment, let's work around that.
If you pay me on the side, neither of us loses the percentage.
Let's keep their commission out of this and split the savings.`,
		"pay_outside": `Let's finish the transaction somewhere other than here.
I'd like us to handle the billing away from this site.
Can we do the rest of the deal off the website?`,
		"pay_euphemism": `We can keep the accounting between us, nobody needs to see it.
Let's do it the quiet way, the money part stays private.
Let's keep it informal, money goes hand to hand.`,
		"pay_bank": `I can give you my account details for a direct deposit: {v}
Deposit the balance to {v}, that's my personal account.`,
		"pay_cash": `I'll drop by your office and you can hand me the money.
Let's meet for coffee and you pay me then.`,
		"pay_giftcard": `If cards are easier, send prepaid card codes instead of paying here.
An iTunes or Amazon voucher for the total works for me.`,
		"review_paraphrase": `Please tell people I did an outstanding job when you close it.
In your feedback, say the work was flawless.
When the contract ends, describe me as the best freelancer you've worked with.
Please make the public comment as flattering as you can.`,
		"review_euphemism": `A generous score at the end would really lift my profile.
Help me climb the rankings with your rating, you know what to do.
Be kind in the rating box, it means a lot for my visibility.`,
		"review_exchange": `If you give me top marks, I'll do the banner for free.
Five stars from you and the next logo is on me.
Rate me at the top and I'll add two extra revisions.`,
		"review_refund": `Top marks from you and I'll send part of the fee back.
I'll return ten percent if you leave the highest score.`,
		"review_mutual": `Give me a perfect score and you'll get one from me too.
Let's rate each other at the top, it helps us both.`,
		"review_split": `The platform will ask you to rate me. Please pick the maximum.
At the end there is a score from one to five. Choose five, please.`,
		"review_pressure": `If the rating isn't perfect, I lose my top status, please help.
A score below the maximum will hide my profile, please give full marks.`,
		"handle_euphemism": `Let's take this to the chat app with the white phone in a green circle.
Message me on the app where people share stories and reels, same name.
Find me on the app named after a paper plane.`,
		"handle_move": `Let's continue this on {m}, my name is the same as here.
I'll explain better on {m}, do you have it?`,
		"neg_honest_review": `An honest rating helps other clients, so please write what you really think.
Whatever score you choose is fine with me.
If something went wrong, please say so in the feedback.`,
		"neg_through_platform": `I'd like all payments to go through the milestones, it protects us both.
Please fund the escrow here; I don't accept payment any other way.
The rules say we keep the money and the messages on this site, and I agree.`,
		"neg_prices": `I can lower the price if we add the second logo to this contract.
My rate is {price}, paid per milestone here as usual.`,
		"neg_review_describe": `My profile shows {qty} reviews, most of them five stars.
Clients usually rate my work highly for speed.`,
	},
	"es": {
		"pay_paraphrase": `Cuando termine, me depositas tú lo acordado y listo.
Prefiero recibirlo directo en mi cuenta esta vez.`,
		"pay_euphemism": `Lo del dinero lo dejamos entre nosotros, nadie tiene que verlo.`,
		"review_paraphrase": `Cuando cierres, di que fue un trabajo impecable.
Por favor deja un comentario lo más halagador posible.`,
		"review_euphemism":     `Una puntuación generosa al final me ayudaría a subir.`,
		"handle_euphemism":     `Sigamos en la app del teléfono blanco en círculo verde.`,
		"neg_honest_review":    `Pon la puntuación que creas justa, de verdad.`,
		"neg_through_platform": `Todos los pagos por los hitos de aquí, así estamos protegidos.`,
	},
	"pt": {
		"pay_paraphrase": `Quando eu terminar, você deposita o combinado direto pra mim.
Prefiro receber direto na minha conta desta vez.`,
		"pay_euphemism": `A parte do dinheiro fica só entre nós, ninguém precisa ver.`,
		"review_paraphrase": `Quando fechar, diz que o trabalho foi impecável.
Deixa um comentário o mais elogioso possível, por favor.`,
		"review_euphemism":     `Uma nota generosa no final me ajuda a subir no ranking.`,
		"handle_euphemism":     `Vamos continuar no app do telefone branco no círculo verde.`,
		"neg_honest_review":    `Dê a nota que achar justa, de verdade.`,
		"neg_through_platform": `Todos os pagamentos pelos marcos daqui, assim ficamos protegidos.`,
	},
	"fr": {
		"pay_paraphrase": `Une fois livré, vous me versez vous-même ce qu'on a convenu.
Je préfère recevoir l'argent directement sur mon compte cette fois.`,
		"pay_euphemism": `L'argent, on le garde entre nous, personne n'a besoin de le voir.`,
		"review_paraphrase": `À la clôture, dites que le travail était irréprochable.
Laissez un commentaire aussi flatteur que possible, s'il vous plaît.`,
		"review_euphemism":     `Une note généreuse à la fin m'aiderait à remonter.`,
		"handle_euphemism":     `Continuons sur l'appli au téléphone blanc dans un rond vert.`,
		"neg_honest_review":    `Mettez la note qui vous semble juste, vraiment.`,
		"neg_through_platform": `Tous les paiements passent par les jalons ici, c'est plus sûr.`,
	},
	"de": {
		"pay_paraphrase": `Nach der Lieferung überweisen Sie mir das Vereinbarte einfach selbst.
Diesmal hätte ich das Geld lieber direkt auf meinem Konto.`,
		"pay_euphemism": `Das Geld bleibt unter uns, das muss niemand sehen.`,
		"review_paraphrase": `Schreiben Sie beim Abschluss bitte, dass die Arbeit makellos war.
Bitte formulieren Sie den Kommentar so schmeichelhaft wie möglich.`,
		"review_euphemism":     `Eine großzügige Note am Ende würde mich im Ranking nach oben bringen.`,
		"handle_euphemism":     `Machen wir in der App mit dem weißen Telefon im grünen Kreis weiter.`,
		"neg_honest_review":    `Geben Sie die Note, die Sie für fair halten, wirklich.`,
		"neg_through_platform": `Alle Zahlungen laufen über die Meilensteine hier, das schützt uns.`,
	},
	"ru": {
		"pay_paraphrase": `Kogda zakonchu, prosto perevedite mne dogovorennoe sami.
V etot raz luchshe poluchit dengi pryamo na moj schet.`,
		"pay_euphemism": `Dengi ostanutsya mezhdu nami, nikomu ne nado videt.`,
		"review_paraphrase": `Pri zakrytii napishite, chto rabota bezuprechnaya.
Sdelajte kommentarij maksimalno hvalebnym, pozhalujsta.`,
		"review_euphemism":     `Shchedraya ocenka v konce pomozhet mne podnyatsya.`,
		"handle_euphemism":     `Prodolzhim v prilozhenii s belym telefonom v zelenom kruge.`,
		"neg_honest_review":    `Postavte tu ocenku, kotoruyu schitaete chestnoj.`,
		"neg_through_platform": `Vse platezhi cherez etapy zdes, tak nadezhnee.`,
	},
	"hi": {
		"pay_paraphrase": `Kaam khatam hone ke baad jo tay hua woh aap khud mujhe bhej dena.
Is baar paise seedha mere account mein chahiye.`,
		"pay_euphemism": `Paise ki baat hum dono ke beech rahegi, kisi ko dikhane ki zarurat nahi.`,
		"review_paraphrase": `Close karte waqt likhna ki kaam ekdum perfect tha.
Comment jitna ho sake utna tareef wala likhna please.`,
		"review_euphemism":     `End mein thoda generous score doge to meri ranking upar jayegi.`,
		"handle_euphemism":     `Green circle mein white phone wale app par baat karte hain.`,
		"neg_honest_review":    `Jo score aapko sahi lage woh dena, sach mein.`,
		"neg_through_platform": `Saare payments yahin milestones se honge, dono safe rahenge.`,
	},
}

func init() {
	for lang, b := range extraSentences {
		for k, v := range b {
			if banks[lang][k] == "" {
				panic("extra sentences for an unknown key " + k)
			}
			banks[lang][k] += "\n" + v
		}
	}
}
