package corpus

// More hard negatives, written after the first model flagged honest text
// about escrow, bad reviews, apps and transfers of things other than
// money. They join the banks of each language in init.
var moreNegatives = map[string]bank{
	"en": {
		"neg_platform_terms": `I'm fine with the escrow here, fund the first milestone when ready.
I accept the terms of the contract and can deliver on Friday.
Payment through the milestone system works for me.
Once you release the escrow I'll start the second phase.
I agree to the hourly contract with the weekly limit you set.
The platform fee is already included in my quote.
Happy to be paid through the contract as usual.
I never take payments outside the platform, sorry.`,
		"neg_review_talk": `The last client left me a one star review without reason.
Could you review the draft and tell me what to change?
I did a code review of the pull request this morning.
Peer review of the article is scheduled for next week.
The reviews section of the app loads too slowly.
He rated the translation three stars, which was fair.
A client gave me two stars last month and it still hurts.
She left a 3 star review and explained why, which I respect.
My only bad review was a one-star from a client who never replied.
Please review the contract terms before we start.
I'm reviewing your brief now and will answer within the hour.
The star rating widget needs half stars.
Feedback from the test users was mostly about the menu.`,
		"neg_app_talk": `The app has 300k downloads and 20k daily users.
The Swift app and the wireframes are ready for testing.
The crypto wallet app I shipped supports ten chains.
We are migrating from Skype for Business to Microsoft Teams.
Our support uses the WhatsApp Business API through Twilio.
The Telegram channel of the brand has 40k followers.
I built the Instagram feed widget for the landing page.
The Discord server for the game needs moderation bots.
The green button in the app is hard to see on dark mode.
The blue theme works better with the logo.`,
		"neg_transfers": `I'd like to transfer the domain to your registrar account.
I'll transfer the copyright to you when the job is done.
The file transfer failed, I'll upload the zip again.
We can do a knowledge transfer call with your team here.
Send me the files through the message attachments.
The bank statement parser handles 40 banks in Europe.
I will send the invoice through the contract page.
Cash flow reports are in the finance folder.`,
		"neg_short": `The end.
Thanks!
Sure, deal.
Got it.
Use the A.B.C. method for the intro.
OK, talk soon here.
Sounds good to me.
Noted, thanks.`,
	},
	"es": {
		"neg_platform_terms": `Acepto los términos del contrato y entrego el viernes.
Cuando liberes el depósito en garantía empiezo la segunda fase.
La comisión de la plataforma ya está incluida en mi presupuesto.`,
		"neg_review_talk": `El último cliente me dejó una estrella sin motivo.
¿Puedes revisar el borrador y decirme qué cambiar?
La sección de reseñas de la app carga muy lento.`,
		"neg_app_talk": `La app tiene 300 mil descargas y 20 mil usuarios diarios.
Migramos de Skype Empresarial a Microsoft Teams.
El canal de Telegram de la marca tiene 40 mil seguidores.`,
		"neg_transfers": `Te transfiero los derechos de autor al terminar.
La transferencia del archivo falló, vuelvo a subir el zip.
Mando la factura por la página del contrato.`,
		"neg_short": `Listo.
¡Gracias!
Perfecto, hablamos aquí.`,
	},
	"pt": {
		"neg_platform_terms": `Aceito os termos do contrato e entrego na sexta.
Quando liberar a garantia eu começo a segunda fase.
A taxa da plataforma já está no meu orçamento.`,
		"neg_review_talk": `O último cliente me deu uma estrela sem motivo.
Pode revisar o rascunho e me dizer o que mudar?
A seção de avaliações do app está lenta.`,
		"neg_app_talk": `O app tem 300 mil downloads e 20 mil usuários por dia.
Estamos migrando do Skype for Business para o Teams.
O canal da marca no Telegram tem 40 mil seguidores.`,
		"neg_transfers": `Transfiro os direitos autorais quando terminar.
A transferência do arquivo falhou, vou subir o zip de novo.
Envio a fatura pela página do contrato.`,
		"neg_short": `Combinado.
Valeu!
Perfeito, falamos por aqui.`,
	},
	"fr": {
		"neg_platform_terms": `J'accepte les conditions du contrat et je livre vendredi.
Dès que vous libérez le séquestre je commence la phase deux.
Les frais de la plateforme sont déjà dans mon devis.`,
		"neg_review_talk": `Le dernier client m'a mis une étoile sans raison.
Pouvez-vous relire le brouillon et me dire quoi changer ?
La section des avis de l'appli charge lentement.`,
		"neg_app_talk": `L'appli compte 300 000 téléchargements et 20 000 utilisateurs par jour.
Nous migrons de Skype Entreprise vers Teams.
La chaîne Telegram de la marque a 40 000 abonnés.`,
		"neg_transfers": `Je vous cède les droits d'auteur à la fin du projet.
Le transfert du fichier a échoué, je renvoie le zip.
J'envoie la facture par la page du contrat.`,
		"neg_short": `C'est noté.
Merci !
Parfait, on en parle ici.`,
	},
	"de": {
		"neg_platform_terms": `Ich akzeptiere die Vertragsbedingungen und liefere am Freitag.
Sobald Sie das Treuhandgeld freigeben, starte ich Phase zwei.
Die Plattformgebühr ist in meinem Angebot schon enthalten.`,
		"neg_review_talk": `Der letzte Kunde gab mir ohne Grund einen Stern.
Können Sie den Entwurf prüfen und mir sagen, was ich ändern soll?
Der Bewertungsbereich der App lädt zu langsam.`,
		"neg_app_talk": `Die App hat 300.000 Downloads und 20.000 tägliche Nutzer.
Wir migrieren von Skype for Business zu Teams.
Der Telegram-Kanal der Marke hat 40.000 Abonnenten.`,
		"neg_transfers": `Die Urheberrechte übertrage ich am Ende auf Sie.
Die Dateiübertragung ist fehlgeschlagen, ich lade das Zip neu hoch.
Die Rechnung schicke ich über die Vertragsseite.`,
		"neg_short": `Alles klar.
Danke!
Perfekt, wir schreiben hier weiter.`,
	},
	"ru": {
		"neg_platform_terms": `Ya prinimayu usloviya kontrakta i sdam v pyatnicu.
Kak tolko vy osvobodite sredstva, nachnu vtoroj etap.
Komissiya platformy uzhe vklyuchena v moyu cenu.`,
		"neg_review_talk": `Poslednij klient postavil mne odnu zvezdu bez prichiny.
Mozhete posmotret chernovik i skazat, chto izmenit?
Razdel otzyvov v prilozhenii gruzitsya medlenno.`,
		"neg_app_talk": `U prilozheniya 300 tysyach skachivanij i 20 tysyach polzovatelej v den.
My perehodim so Skype for Business na Teams.
U Telegram-kanala brenda 40 tysyach podpischikov.`,
		"neg_transfers": `Peredam vam avtorskie prava posle zaversheniya.
Peredacha fajla ne udalas, zagruzhu arhiv snova.
Schet otpravlyu cherez stranicu kontrakta.`,
		"neg_short": `Ponyal.
Spasibo!
Otlichno, pishem zdes.`,
	},
	"hi": {
		"neg_platform_terms": `Main contract ki terms accept karta hoon, Friday ko deliver kar dunga.
Escrow release hote hi second phase shuru karunga.
Platform ki fee mere quote mein already shaamil hai.`,
		"neg_review_talk": `Pichle client ne bina wajah ek star diya.
Draft review karke batao kya badalna hai?
App ka reviews section bahut slow load hota hai.`,
		"neg_app_talk": `App ke 3 lakh downloads aur 20 hazaar daily users hain.
Hum Skype for Business se Teams par migrate kar rahe hain.
Brand ke Telegram channel par 40 hazaar followers hain.`,
		"neg_transfers": `Kaam khatam hone par copyright aapko transfer kar dunga.
File transfer fail ho gaya, zip dobara upload karta hoon.
Invoice contract page se bhej dunga.`,
		"neg_short": `Theek hai.
Thanks!
Perfect, yahin baat karte hain.`,
	},
}

func init() {
	for lang, b := range moreNegatives {
		for k, v := range b {
			banks[lang][k] = v
		}
	}
}
