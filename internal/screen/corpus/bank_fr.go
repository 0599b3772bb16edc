package corpus

// French sentence bank (same slots as bankEN).
var bankFR = bank{
	"filler": `Merci pour la réponse rapide.
J'ai lu le cahier des charges en détail.
Je peux commencer lundi si cela vous convient.
Le premier jet sera prêt dans quatre jours.
J'ai déjà fait ce genre de travail pour deux agences.
Dites-moi si quelque chose ne va pas dans le plan.
Bonne journée à vous.`,
	"email": `Vous pouvez m'écrire à {v} quand vous voulez.
Mon adresse mail est {v}, envoyez-moi les fichiers.
Contact direct : {v}
Écrivez-moi à {v} et je vous fais un devis ce soir.
Si le chat est lent, mon mail est {v}.`,
	"email_provider": `Mon {p} c'est {u}, écrivez-moi là-bas.
Cherchez-moi sur {p} : {u}.
Je suis {u} sur {p}, envoyez le brief.`,
	"email_split": `Mon adresse commence par {a}. La suite c'est {b}, vous voyez.
Première partie de mon mail : {a}. Après l'arobase, mettez {b}.`,
	"phone": `Appelez-moi au {v} en fin de journée.
Mon numéro est le {v}.
Envoyez-moi un SMS au {v}.
Mon portable : {v}, c'est plus rapide.
Téléphone {v}, demandez-moi.`,
	"phone_split": `Mon numéro commence par {a}. Les derniers chiffres sont {b}.
Notez : {a}. Et ensuite {b}, c'est mon portable.`,
	"url": `Voyez mon travail sur {v}
Mon portfolio est sur {v}, tout y est.
Plus d'exemples : {v}
Passez sur {v} pour réserver directement.`,
	"handle": `Ajoutez-moi sur {v}, on parlera là-bas.
Je suis sur {v}, écrivez-moi.
Mon contact : {v}, plus simple que cette appli.
{v}`,
	"handle_move": `Continuons la discussion sur {m}, c'est plus simple pour moi.
On peut parler sur {m} ? Je viens rarement sur ce site.
Passons sur {m} pour les détails.`,
	"handle_verb": `Envoyez-moi un {m} quand vous êtes prêt.
Écrivez-moi sur {m} et je vous envoie tout.`,
	"handle_nomessenger": `Mon pseudo partout c'est {v}, cherchez-moi.
Cherchez {v} dans l'appli à l'avion en papier.`,
	"handle_euphemism": `Parlons sur l'appli verte, vous voyez laquelle.
Retrouvez-moi sur l'appli bleue avec le petit avion.
Écrivez-moi sur l'appli au petit fantôme.`,
	"pay_method": `Vous pouvez m'envoyer l'argent par {m}.
Je préfère {m}, c'est plus rapide pour nous deux.
Payez-moi via {m} et je commence aujourd'hui.
Je n'accepte que {m} pour les petits travaux.`,
	"pay_direct": `Pouvez-vous me payer directement au lieu du jalon ?
Envoyez plutôt le paiement directement à moi.
Réglons le paiement entre nous deux.`,
	"pay_fee": `Si on passe par ailleurs, on économise la commission.
Évitons les frais de la plateforme et je baisse mon tarif.
On peut éviter la commission si vous virez vous-même.`,
	"pay_outside": `Faisons le paiement en dehors de la plateforme.
Concluons l'affaire hors de ce site.
Je préfère ne pas être payé par ce site.`,
	"pay_bank": `Voici mon RIB pour le virement : IBAN {v}
Virez l'acompte sur mon compte {v}.
Mon numéro de compte est {v}, envoyez-le là.`,
	"pay_crypto": `Envoyez des USDT sur mon portefeuille {v}
J'accepte la crypto, adresse : {v}`,
	"pay_euphemism": `La partie argent, on la garde hors des comptes.
Le paiement, on le règle entre amis, sans intermédiaire.
Laissons la plateforme en dehors de la question de l'argent.`,
	"pay_cash": `Je passe vous voir et vous me payez en liquide.
On se voit en personne et vous payez sur place.`,
	"pay_giftcard": `Vous pouvez payer en cartes cadeaux Amazon.
Envoyez-moi des codes de cartes cadeaux pour le montant.`,
	"pay_paraphrase": `Quand je livre, vous me faites passer l'argent vous-même.
Pas besoin de contrat, envoyez ce qu'on a dit sur mon compte.
Oubliez le séquestre, je vous fais confiance, envoyez-le-moi.`,
	"review_five": `Pourriez-vous me laisser un avis cinq étoiles à la fin ?
Merci de me donner 5 étoiles, ça m'aide beaucoup.
Une note de cinq étoiles compterait énormément pour moi.`,
	"review_symbols": `Laissez-moi {v} à la fin du contrat, s'il vous plaît.
Seulement {v}, mon classement en dépend.`,
	"review_numeric": `Notez-moi {v} à la fin, s'il vous plaît.
Vous pouvez me mettre un {v} dans l'évaluation ?`,
	"review_exchange": `Je vous fais une remise si vous laissez un avis positif.
Laissez un super avis et la prochaine retouche est offerte.`,
	"review_refund": `Je vous rembourse une partie quand vous mettez la note maximale.
Donnez-moi la meilleure note et je vous rends 20 euros.`,
	"review_mutual": `Je vous mets cinq étoiles si vous faites pareil.
Laissons-nous des avis parfaits tous les deux.`,
	"review_paraphrase": `Dites seulement du bien de moi dans l'évaluation, s'il vous plaît.
Écrivez quelque chose de très gentil sur moi à la fin.`,
	"review_euphemism": `Aidez mon profil à briller quand vous clôturez.
Donnez un petit coup de pouce à ma note à la fin.`,
	"review_split": `À la clôture vous verrez un formulaire. Choisissez la note la plus haute.
Il y a un petit questionnaire à la fin. Cochez tout au maximum pour moi.`,
	"review_pressure": `En dessous de cinq étoiles mon compte est suspendu, s'il vous plaît.
Je perds mon badge sans la note maximale.`,
	"neg_payment_integration": `Nous cherchons un développeur pour intégrer {m} à notre boutique Shopify.
Ajouter le paiement {m} et Stripe à une appli de réservation.
J'ai de l'expérience avec l'API {m} et les webhooks.`,
	"neg_prices": `Mon tarif est de {price} de l'heure, environ {qty} heures.
Le prix forfaitaire serait de {price}.
Budget : {price}, payé par jalons ici.`,
	"neg_invoice": `La facture {n} du deuxième jalon est sur la plateforme.
Validez le jalon 3 ({price}) après avoir vérifié les fichiers.`,
	"neg_code": `Le bug est dans {file}, ligne {qty}.
La version {ver} de la bibliothèque corrige la fuite mémoire.`,
	"neg_address": `Notre bureau est au {n} rue de la République, {city}.
Nous sommes à {city}, près de la gare centrale.`,
	"neg_through_platform": `Merci de payer via la plateforme, nous sommes ainsi protégés.
Je travaille uniquement avec le contrat d'ici, jamais en dehors.
Je ne peux pas donner mon mail ni mon téléphone, les règles l'interdisent.`,
	"neg_honest_review": `Si le travail vous plaît, un avis sincère m'aiderait.
Laissez l'évaluation qui vous semble juste.`,
	"neg_tech_names": `Je travaille avec {tech}, React et PostgreSQL.
J'ai fait le backend en {tech} et déployé sur AWS.`,
	"neg_dates_versions": `La version {ver} sort le {date}.
J'ai {qty} ans d'expérience en applications mobiles.`,
	"neg_messenger_dev": `Nous avons besoin d'un bot {m} pour prévenir les clients.
J'ai créé trois chatbots {m} en Python.`,
	"neg_email_dev": `Créez cinq modèles d'e-mail pour la newsletter.
Je configure SPF, DKIM et DMARC pour votre domaine.`,
	"neg_meeting": `On fait l'appel à 9h30 sur la plateforme ?
Je suis libre à midi ou à 16h.`,
	"neg_crypto_dev": `Je cherche un développeur Solidity pour un contrat de staking.
Rédigez un article sur le fonctionnement des stablecoins.`,
	"neg_files": `Je joins rapport_final.pdf et le logo en SVG.
Les données sont dans ventes_2023.csv.`,
	"neg_review_describe": `J'ai plus de {qty} avis cinq étoiles ici.
Mon dernier client m'a donné 5 étoiles pour un logo similaire.`,
	"neg_general": `Merci, les couleurs sont bien mieux maintenant.
J'envoie la version corrigée avant le week-end.`,
}
