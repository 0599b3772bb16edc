package corpus

// Russian sentence bank, in Latin transliteration as members type it on
// keyboards without Cyrillic (same slots as bankEN).
var bankRU = bank{
	"filler": `Spasibo za bystryj otvet.
Ya vnimatelno prochital opisanie proekta.
Mogu nachat v ponedelnik, esli vam udobno.
Pervyj chernovik budet gotov cherez chetyre dnya.
U menya uzhe byli pohozhie proekty dlya dvuh agentstv.
Napishite, esli chto-to v plane ne tak.
Horoshego dnya!`,
	"email": `Mozhete pisat mne na {v} v lyuboe vremya.
Moya pochta {v}, prisylajte fajly tuda.
Kontakt napryamuyu: {v}
Napishite na {v}, i ya segodnya zhe prishlyu smetu.
Esli chat tormozit, moya pochta {v}.`,
	"email_provider": `Moj {p} eto {u}, pishite tuda.
Ishchite menya v {p} kak {u}.
Ya {u} na {p}, prisylajte zadanie.`,
	"email_split": `Moya pochta nachinaetsya s {a}. Dalshe {b}, vy ponyali.
Pervaya chast adresa {a}. Posle sobachki pishite {b}.`,
	"phone": `Zvonite mne po nomeru {v} vecherom.
Moj nomer {v}.
Napishite SMS na {v}.
Moj mobilnyj {v}, tak bystree.
Telefon {v}, sprosite menya.`,
	"phone_split": `Moj nomer nachinaetsya s {a}. Poslednie cifry {b}.
Zapishite: {a}. I potom {b}, eto moj mobilnyj.`,
	"url": `Moi raboty mozhno posmotret na {v}
Moe portfolio lezhit na {v}, tam vse.
Bolshe primerov: {v}
Zapishites napryamuyu cherez {v}.`,
	"handle": `Dobavte menya v {v}, tam pogovorim.
Ya est v {v}, pishite.
Moj kontakt {v}, tak proshche chem v etom prilozhenii.
{v}`,
	"handle_move": `Davajte pereidem v {m}, mne tak udobnee.
Mozhem obshchatsya v {m}? Ya redko zahozhu na etot sajt.
Davajte obsudim detali v {m}.`,
	"handle_verb": `Kinte mne v {m}, kogda budete gotovy.
Napishite mne v {m}, ya vse prishlyu.`,
	"handle_nomessenger": `Moj nik vezde {v}, ishchite.
Najdite {v} v prilozhenii s bumazhnym samoletikom.`,
	"handle_euphemism": `Davajte v telegu, tak bystree.
Pishite v zelenoe prilozhenie, vy ponyali kakoe.
Najdite menya v sinem prilozhenii s samoletikom.`,
	"pay_method": `Mozhete otpravit dengi na moj {m}.
Mne udobnee {m}, tak bystree dlya oboih.
Oplatite cherez {m}, i ya nachnu segodnya.
Dlya malenkih zakazov beru tolko {m}.`,
	"pay_direct": `Mozhete zaplatit mne napryamuyu, a ne cherez etap?
Luchshe perevedite oplatu lichno mne.
Davajte reshim s oplatoj mezhdu nami.`,
	"pay_fee": `Esli sdelaem mimo ploshchadki, sekonomim komissiyu.
Davajte obojdem komissiyu platformy, i ya snizhu cenu.
Komissiyu mozhno ne platit, esli perevedete sami.`,
	"pay_outside": `Davajte provedem oplatu vne platformy.
Zakroem sdelku ne zdes, a napryamuyu.
Ya by ne hotel poluchat oplatu cherez etot sajt.`,
	"pay_bank": `Vot moi rekvizity dlya perevoda: {v}
Perevedite avans na moyu kartu {v}.
Nomer moego scheta {v}, otpravte tuda.`,
	"pay_crypto": `Otpravte USDT na moj koshelek {v}
Prinimayu kriptu, adres: {v}`,
	"pay_euphemism": `Dengi davajte reshim po-tihomu, bez posrednikov.
Oplatu sdelaem po-druzheski, mimo kassy.
Pust platforma ne uchastvuet v denezhnoj chasti.`,
	"pay_cash": `Ya pod'edu, i vy zaplatite nalichnymi.
Vstretimsya lichno, i vy oplatite na meste.`,
	"pay_giftcard": `Mozhno oplatit podarochnymi kartami Amazon.
Prishlite kody podarochnyh kart na etu summu.`,
	"pay_paraphrase": `Kogda sdam rabotu, prosto skinte dengi mne sami.
Kontrakt ne nuzhen, perevedite dogovorennuyu summu na moyu kartu.
Zabudte pro garantiyu, ya vam doveryayu, kidajte mne.`,
	"review_five": `Mozhete ostavit mne otzyv na pyat zvezd v konce?
Pozhalujsta, postavte 5 zvezd, eto ochen pomogaet.
Otzyv na pyat zvezd ochen mnogo dlya menya znachit.`,
	"review_symbols": `Pozhalujsta, postavte mne {v} pri zakrytii.
Tolko {v}, ot etogo zavisit moj rejting.`,
	"review_numeric": `Ocenite menya na {v} v konce, pozhalujsta.
Mozhete postavit mne {v} v otzyve?`,
	"review_exchange": `Sdelayu skidku, esli ostavite polozhitelnyj otzyv.
Ostavte horoshij otzyv, i sleduyushchaya pravka besplatno.`,
	"review_refund": `Vernu chast summy, kogda postavite maksimalnuyu ocenku.
Postavte vysshuyu ocenku, i ya vernu 20 dollarov.`,
	"review_mutual": `Postavlyu vam pyat zvezd, esli vy sdelaete to zhe.
Davajte ostavim drug drugu idealnye otzyvy.`,
	"review_paraphrase": `Pozhalujsta, napishite pro menya tolko horoshee v otzyve.
Napishite chto-nibud ochen priyatnoe pro menya v konce.`,
	"review_euphemism": `Pomogite moemu profilyu zasiyat pri zakrytii.
Podnimite nemnogo moj rejting v konce.`,
	"review_split": `Pri zakrytii budet forma. Vyberite samuyu vysokuyu ocenku.
V konce budet opros. Otmette vse na maksimum za menya.`,
	"review_pressure": `Nizhe pyati zvezd moj akkaunt zablokiruyut, pozhalujsta.
Ya poteryayu znachok bez maksimalnoj ocenki.`,
	"neg_payment_integration": `Ishchem razrabotchika, chtoby podklyuchit {m} k nashemu magazinu na Shopify.
Nuzhno dobavit oplatu cherez {m} i Stripe v prilozhenie dlya bronirovaniya.
Est opyt raboty s API {m} i vebhukami.`,
	"neg_prices": `Moya stavka {price} v chas, primerno {qty} chasov.
Fiksirovannaya cena proekta {price}.
Byudzhet: {price}, oplata po etapam zdes.`,
	"neg_invoice": `Schet {n} za vtoroj etap uzhe na platforme.
Podtverdite etap 3 ({price}), kogda proverite fajly.`,
	"neg_code": `Oshibka v {file}, stroka {qty}.
Versiya {ver} biblioteki ispravila utechku pamyati.`,
	"neg_address": `Nash ofis na ulice Lenina, dom {n}, {city}.
My nahodimsya v {city}, ryadom s vokzalom.`,
	"neg_through_platform": `Pozhalujsta, oplachivajte cherez platformu, tak my oba zashchishcheny.
Ya rabotayu tolko cherez kontrakt zdes, nikogda napryamuyu.
Ne mogu dat pochtu ili telefon, pravila ne pozvolyayut.`,
	"neg_honest_review": `Esli rabota ponravitsya, chestnyj otzyv mne pomozhet.
Ostavte tu ocenku, kotoruyu schitaete spravedlivoj.`,
	"neg_tech_names": `Rabotayu s {tech}, React i PostgreSQL.
Backend sdelal na {tech} i razvernul na AWS.`,
	"neg_dates_versions": `Versiya {ver} vyjdet {date}.
U menya {qty} let opyta v mobilnoj razrabotke.`,
	"neg_messenger_dev": `Nuzhen bot dlya {m}, kotoryj uvedomlyaet klientov.
Ya sdelal tri chat-bota dlya {m} na Python.`,
	"neg_email_dev": `Sdelajte pyat shablonov pisem dlya rassylki.
Nastroyu SPF, DKIM i DMARC dlya vashego domena.`,
	"neg_meeting": `Sozvonimsya v 9:30 cherez platformu?
Ya svoboden v polden ili v 16:00.`,
	"neg_crypto_dev": `Ishchu Solidity-razrabotchika dlya kontrakta stejkinga.
Napishite statyu o tom, kak rabotayut stejblkoiny.`,
	"neg_files": `Prikladyvayu otchet_final.pdf i logo v SVG.
Dannye v fajle prodazhi_2023.csv.`,
	"neg_review_describe": `U menya zdes bolee {qty} otzyvov na pyat zvezd.
Poslednij klient postavil mne 5 zvezd za pohozhij logotip.`,
	"neg_general": `Spasibo, cveta teper vyglyadyat namnogo luchshe.
Prishlyu ispravlennyj variant do vyhodnyh.`,
}
