package corpus

// German sentence bank (same slots as bankEN).
var bankDE = bank{
	"filler": `Danke für die schnelle Antwort.
Ich habe die Beschreibung genau gelesen.
Ich kann am Montag anfangen, wenn es passt.
Der erste Entwurf ist in vier Tagen fertig.
Ähnliche Projekte habe ich schon für zwei Agenturen gemacht.
Sagen Sie Bescheid, wenn etwas nicht passt.
Viele Grüße und ein schönes Wochenende.`,
	"email": `Sie können mir jederzeit an {v} schreiben.
Meine E-Mail ist {v}, schicken Sie die Dateien dorthin.
Direkter Kontakt: {v}
Schreiben Sie mir an {v}, dann mache ich heute ein Angebot.
Falls der Chat langsam ist, meine Mail lautet {v}.`,
	"email_provider": `Mein {p} ist {u}, schreiben Sie mir dort.
Suchen Sie mich bei {p} als {u}.
Ich bin {u} bei {p}, schicken Sie das Briefing.`,
	"email_split": `Meine Adresse fängt mit {a} an. Der Rest ist {b}, Sie wissen schon.
Erster Teil meiner Mail: {a}. Nach dem Klammeraffen kommt {b}.`,
	"phone": `Rufen Sie mich unter {v} an.
Meine Nummer ist {v}.
Schicken Sie mir eine SMS an {v}.
Mein Handy: {v}, das geht schneller.
Telefon {v}, fragen Sie nach mir.`,
	"phone_split": `Meine Nummer beginnt mit {a}. Die letzten Ziffern sind {b}.
Notieren Sie: {a}. Und dann {b}, das ist mein Handy.`,
	"url": `Meine Arbeiten finden Sie auf {v}
Mein Portfolio liegt auf {v}, dort ist alles.
Mehr Beispiele: {v}
Buchen Sie direkt über {v} einen Termin.`,
	"handle": `Fügen Sie mich auf {v} hinzu, dann reden wir dort.
Ich bin auf {v}, schreiben Sie mir.
Mein Kontakt: {v}, einfacher als diese App.
{v}`,
	"handle_move": `Lassen Sie uns auf {m} weiterreden, das ist einfacher für mich.
Können wir über {m} sprechen? Ich bin selten auf dieser Seite.
Wechseln wir für die Details zu {m}.`,
	"handle_verb": `Schreiben Sie mir per {m}, wenn Sie so weit sind.
Schicken Sie mir eine {m}-Nachricht, dann sende ich alles.`,
	"handle_nomessenger": `Mein Nutzername überall ist {v}, suchen Sie mich.
Suchen Sie {v} in der App mit dem Papierflieger.`,
	"handle_euphemism": `Reden wir in der grünen App, Sie wissen schon welche.
Finden Sie mich in der blauen App mit dem Papierflieger.
Schreiben Sie mir in der App mit dem kleinen Geist.`,
	"pay_method": `Sie können mir das Geld per {m} schicken.
Ich bevorzuge {m}, das geht für uns beide schneller.
Zahlen Sie über {m}, dann fange ich heute an.
Für kleine Aufträge nehme ich nur {m}.`,
	"pay_direct": `Können Sie mich direkt bezahlen statt über den Meilenstein?
Schicken Sie die Zahlung lieber direkt an mich.
Regeln wir die Bezahlung unter uns.`,
	"pay_fee": `Wenn wir es extern machen, sparen wir beide die Gebühr.
Lassen wir die Plattformgebühr weg, dann senke ich meinen Preis.
Die Provision können wir umgehen, wenn Sie selbst überweisen.`,
	"pay_outside": `Machen wir die Zahlung außerhalb der Plattform.
Schließen wir den Deal außerhalb dieser Seite ab.
Ich möchte lieber nicht über diese Website bezahlt werden.`,
	"pay_bank": `Hier meine Bankverbindung für die Überweisung: IBAN {v}
Überweisen Sie die Anzahlung auf mein Konto {v}.
Meine Kontonummer ist {v}, bitte dorthin.`,
	"pay_crypto": `Schicken Sie USDT an meine Wallet {v}
Ich nehme Krypto, Adresse: {v}`,
	"pay_euphemism": `Den Geldteil regeln wir am besten ohne Buchhaltung.
Die Bezahlung machen wir unter Freunden, ohne Vermittler.
Lassen wir die Plattform beim Geld außen vor.`,
	"pay_cash": `Ich komme vorbei und Sie zahlen bar.
Wir treffen uns persönlich und Sie zahlen vor Ort.`,
	"pay_giftcard": `Sie können mit Amazon-Gutscheinen bezahlen.
Schicken Sie mir Gutscheincodes über den Betrag.`,
	"pay_paraphrase": `Wenn ich liefere, schieben Sie mir das Geld einfach selbst rüber.
Kein Vertrag nötig, schicken Sie das Vereinbarte auf mein Konto.
Vergessen Sie das Treuhandkonto, ich vertraue Ihnen, schicken Sie es mir.`,
	"review_five": `Könnten Sie mir am Ende eine Fünf-Sterne-Bewertung geben?
Bitte geben Sie mir 5 Sterne, das hilft mir sehr.
Eine Bewertung mit fünf Sternen würde mir viel bedeuten.`,
	"review_symbols": `Bitte geben Sie mir {v} zum Abschluss.
Nur {v} bitte, mein Ranking hängt davon ab.`,
	"review_numeric": `Bewerten Sie mich am Ende bitte mit {v}.
Können Sie mir eine {v} in der Bewertung geben?`,
	"review_exchange": `Ich gebe Ihnen Rabatt, wenn Sie eine positive Bewertung schreiben.
Schreiben Sie eine tolle Bewertung und die nächste Korrektur ist gratis.`,
	"review_refund": `Ich erstatte einen Teil, sobald Sie die Höchstnote geben.
Geben Sie mir die beste Note und ich schicke 20 Euro zurück.`,
	"review_mutual": `Ich gebe Ihnen fünf Sterne, wenn Sie das Gleiche tun.
Lassen Sie uns gegenseitig perfekte Bewertungen geben.`,
	"review_paraphrase": `Bitte schreiben Sie nur Gutes über mich in die Bewertung.
Schreiben Sie am Ende etwas richtig Nettes über mich.`,
	"review_euphemism": `Helfen Sie meinem Profil beim Abschluss ein bisschen zu glänzen.
Geben Sie meiner Note am Ende einen kleinen Schub.`,
	"review_split": `Beim Abschluss sehen Sie ein Formular. Wählen Sie bitte die höchste Stufe.
Am Ende kommt eine kurze Umfrage. Klicken Sie überall ganz rechts.`,
	"review_pressure": `Unter fünf Sternen wird mein Konto gesperrt, bitte.
Ich verliere mein Abzeichen ohne Höchstnote.`,
	"neg_payment_integration": `Wir suchen einen Entwickler, der {m} in unseren Shopify-Shop integriert.
{m} und Stripe sollen in eine Buchungs-App eingebaut werden.
Ich habe Erfahrung mit der {m}-API und Webhooks.`,
	"neg_prices": `Mein Stundensatz ist {price}, etwa {qty} Stunden.
Der Festpreis für das Projekt wäre {price}.
Budget: {price}, bezahlt über Meilensteine hier.`,
	"neg_invoice": `Die Rechnung {n} für Meilenstein zwei liegt auf der Plattform.
Bitte geben Sie Meilenstein 3 ({price}) nach der Prüfung frei.`,
	"neg_code": `Der Fehler steckt in {file}, Zeile {qty}.
Version {ver} der Bibliothek behebt das Speicherleck.`,
	"neg_address": `Unser Büro ist in der Hauptstraße {n}, {city}.
Wir sitzen in {city}, nahe dem Hauptbahnhof.`,
	"neg_through_platform": `Bitte zahlen Sie über die Plattform, dann sind wir beide geschützt.
Ich arbeite nur über den Vertrag hier, nie außerhalb.
Meine E-Mail oder Telefonnummer darf ich nicht teilen, die Regeln verbieten es.`,
	"neg_honest_review": `Wenn Ihnen die Arbeit gefällt, hilft mir eine ehrliche Bewertung.
Geben Sie die Bewertung, die Sie fair finden.`,
	"neg_tech_names": `Ich arbeite mit {tech}, React und PostgreSQL.
Das Backend habe ich in {tech} gebaut und auf AWS betrieben.`,
	"neg_dates_versions": `Version {ver} erscheint am {date}.
Ich habe {qty} Jahre Erfahrung mit Apps.`,
	"neg_messenger_dev": `Wir brauchen einen {m}-Bot, der Kunden informiert.
Ich habe drei {m}-Chatbots in Python gebaut.`,
	"neg_email_dev": `Gestalten Sie fünf E-Mail-Vorlagen für den Newsletter.
Ich richte SPF, DKIM und DMARC für Ihre Domain ein.`,
	"neg_meeting": `Sollen wir um 9:30 über die Plattform telefonieren?
Ich habe mittags oder um 16 Uhr Zeit.`,
	"neg_crypto_dev": `Ich suche einen Solidity-Entwickler für einen Staking-Vertrag.
Schreiben Sie einen Artikel darüber, wie Stablecoins funktionieren.`,
	"neg_files": `Anbei bericht_final.pdf und das Logo als SVG.
Die Daten liegen in umsatz_2023.csv.`,
	"neg_review_describe": `Ich habe hier über {qty} Fünf-Sterne-Bewertungen.
Mein letzter Kunde gab mir 5 Sterne für ein ähnliches Logo.`,
	"neg_general": `Danke, die Farben sehen jetzt viel besser aus.
Ich schicke den überarbeiteten Entwurf vor dem Wochenende.`,
}
