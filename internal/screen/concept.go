package screen

import "strings"

// Concept classes of the learned layer. A paraphrase says the same thing
// in other words ("move the money to me yourself", "say only good things
// about me"), so its word and character n-grams are ones the model was
// never shown; but its words still belong to the few concepts a payment
// ask or a review request is made of (a transfer verb, a money noun, a
// recipient who is the writer; a request, a rating noun, a word of
// praise). Each word of a sentence is mapped to the concepts it belongs
// to, and the model reads, besides the words, each concept present in the
// sentence and each pair of concepts present together: a paraphrase made
// of the same concepts in new words shares those features with the
// families the model was trained on.
//
// The lists are general vocabulary of the seven languages of the corpus
// (English, Spanish, Portuguese, French, German; Russian and Hindi as
// typed in Latin letters), folded: lower case, no diacritics. A word
// ending in "*" stands for every word it starts (at least five letters
// before the star, so that a stem does not catch unrelated short words).
const (
	cMoney       = iota // money, amount, payment (noun)
	cTransfer           // send, pay, transfer, wire, move
	cSelf               // me, my, mine: the writer as recipient or subject
	cAccount            // account, details, wallet, card
	cAround             // without, instead, outside, forget, skip
	cDirect             // directly, privately, between us, in person
	cFee                // fee, commission, percentage, cut
	cVenue              // platform, site, escrow, contract, milestone
	cReview             // review, feedback, rating, stars, score
	cGood               // good, great, best, top, perfect, five
	cAsk                // please, leave, give, write, could you
	cYou                // you, your: the reader
	cDeal               // if, in exchange, discount, bonus, refund, free
	cEnd                // close, finish, end of the job
	cColour             // green, blue, purple: messengers named by colour
	cApp                // app, application, messenger
	cIcon               // icon, logo, bubble, ghost, plane, camera
	cContact            // talk, chat, add, find, call, write to
	cName               // same name, nick, username, id
	cMessenger          // a messenger named
	cMethod             // a means of payment named
	cNeg                // not, never, no
	cHonest             // honest, fair, whatever you think
	cHave               // have, got, received, gave: a record described, not an ask
	cVia                // through, via: by way of something
	cBad                // bad, low, negative: a rating that is not a good one
	cGoods              // domain, files, rights, source code: what is handed over besides money
	cTech               // bots, APIs, integrations, channels, migrations: an app or a means of payment as the work
	cForm               // survey, questionnaire, form, poll: where a rating is given, named without naming it
	nLexConcepts        // the concepts of words in the lists below: a word's fit in a uint32
)

// The concepts of marks between words (skeletonWords reads them).
const (
	cTopScore     = nLexConcepts + iota // the maximum score written out: 5/5, 10/10, 100%, 5.0, five star symbols
	cAtName                             // an @name: a handle written without its messenger
	cNoVenue                            // the platform negated: "no need for the contract", "not through this site"
	cFive                               // the digit 5 (or 10) by itself: five stars when a rating is named
	cDigits                             // a run of eight or more digits: an account or card number given
	cColourApp                          // a colour at most appNear words from a word for an app: "the green app"
	nWordConcepts                       // the concepts of words and marks; the rest are of sentences
)

const (
	// cUnaddressed is set on a sentence that holds no word of cAsk or
	// cYou: it asks nothing of the reader ("I have over 30 five-star
	// reviews here"); cUnvalued on one that names a rating and no word of
	// praise ("would you leave a review?"). They pair with the concepts
	// present like the others.
	cUnaddressed = nWordConcepts + iota
	cUnvalued
	// Broader classes, each the union of a few of the above, so that a
	// family made of concepts no other family pairs (a fee avoided) still
	// shares a pair with them (paying, and going around the platform).
	sPay      // money, transfer, fee, a means of payment, an account
	sEvade    // around, directly, privately
	sRate     // a rating and a word of praise
	sAskish   // a request, the reader, a deal offered
	sReach    // contact verbs, apps, messengers, icons, colours, names
	nConcepts // all the concepts
)

// A word's concepts fit in a uint32, a sentence's in a uint64.
var _ = [1]struct{}{}[(nLexConcepts-1)>>5+(nConcepts-1)>>6]

// supers maps each broader class to the concepts it unites.
var supers = [...]struct {
	bit  int
	from uint64
}{
	{sPay, 1<<cMoney | 1<<cTransfer | 1<<cFee | 1<<cMethod | 1<<cAccount},
	{sEvade, 1<<cAround | 1<<cDirect | 1<<cNoVenue},
	{sRate, 1<<cReview | 1<<cGood},
	{sAskish, 1<<cAsk | 1<<cYou | 1<<cDeal},
	{sReach, 1<<cContact | 1<<cApp | 1<<cMessenger | 1<<cIcon | 1<<cColour | 1<<cName},
}

// conceptWords lists the words of each concept.
var conceptWords = [nLexConcepts]string{
	cMoney: "money moneys payment payments amount amounts funds fund sum cash deposit balance dough bucks dollars euros rupees " +
		"dinero pago pagos monto importe plata cantidad efectivo deposito saldo lana pasta " +
		"dinheiro pagamento pagamentos valor quantia grana montante reais " +
		"argent paiement paiements montant somme fric especes acompte thune " +
		"geld zahlung zahlungen bezahlung betrag summe bargeld anzahlung kohle knete " +
		"dengi deneg dengami oplata oplatu oplaty oplatoj oplatoy oplate summa summu platezh platezhi nalichnye nal avans bablo " +
		"paisa paise paison rupaye rupay rupee bhugtan rakam kharcha raashi rashi " +
		// The money side of the work: its accounts, its finances.
		"accounting bookkeeping books financial finances contabilidad financiera financiero financiera contabilidade " +
		"financeira financeiro comptabilite financiere financier buchhaltung finanziell finanzielle finanzen " +
		"buhgalteriya finansovyj finansovaya denezhnyj denezhnoj denezhnuyu denezhnaya hisaab hisab " +
		"billing bill payout payouts earnings advance upfront remainder rest total price sum cost costs anticipo adelanto resto pagamento* honorarios precio costo adiantamento sinal restante preco custo honorarios avance reste prix cout honoraires vorschuss rest restbetrag preis kosten honorar predoplata predoplatu ostatok cena cenu stoimost gonorar advance baaki kimat keemat daam",
	cTransfer: "send sends sending sent pay pays paying paid transfer transfers transferring transferred wire wired move moving " +
		"drop deposit forward remit settle " +
		"enviar envia envie envies enviame enviarme manda mandar mandame mandes mande pagar paga pague pagues pagame pagarme " +
		"transferir transfiere transfieras transfiera deposita depositar depositame abona abonar gira girar " +
		"envia envie manda mande pagar pague transfira transfere deposite depositar passa passe " +
		"envoie envoyer envoyez envoies paye payer payez paie paies vire virer virez verse verser versez transferer transferez " +
		"regle regler reglez " +
		"sende senden sendest schick schicke schicken schickst zahl zahle zahlen zahlst bezahl bezahle bezahlen bezahlst " +
		"uberweis uberweise uberweisen uberweist uberweisung " +
		"otprav otpravit otpravte otpravish perevedi perevedite perevesti perevod perevodom pereshli zaplati zaplatite " +
		"zaplatit oplati oplatite skin skinte kin kinte plati platite " +
		"bhej bhejo bhejiye bhejna bhejdo bhejna daal dalo daaliye chuka chukao chukaiye bharo bhariye " +
		"receive received receiving get transfer* remit* envia* envie* transfi* deposit* recibir recibo cobrar cobro receber recebo recebido cobrar envoy* recevoir recois toucher uberwei* schick* bezahl* erhalten empfangen otprav* pereved* perevest* perevod* perechisl* zaplat* poluchat poluchit bhej lena milna",
	cSelf: "me my mine myself " +
		"mi mis mio mia conmigo " +
		"mim meu minha meus minhas comigo " +
		"moi mon ma mes " +
		"mir mich mein meine meinem meinen meiner " +
		"mne menya moj moi moy moyu moya moem moej " +
		"mujhe mujhko mera meri mere",
	cAccount: "account accounts details wallet card " +
		"cuenta datos tarjeta billetera monedero " +
		"conta dados cartao carteira chave " +
		"compte coordonnees rib carte portefeuille " +
		"konto kontos kontodaten bankdaten daten karte bankverbindung " +
		"schet schyot scheta kartu karta karty rekvizity rekvizitam koshelek koshelyok " +
		"khata khaata khate khaate detail",
	cAround: "without instead rather outside forget skip skipping bypass avoid avoiding away around " +
		// Saving the fee is going around the platform.
		"save saving saved ahorrar ahorramos ahorrarnos ahorro economizar economizamos economiser economisons " +
		"sparen sparst spart sekonomim sekonomit ekonomit bach bachega bachenge bachayenge " +
		"sin olvida olvidate olvidemos evitar evita evitemos fuera afuera saltar saltemos lugar vez " +
		"sem esquece esqueca evitar evita fora pular pula " +
		"sans oublie oubliez oublions eviter evitez hors dehors plutot contourner " +
		"ohne vergiss vergessen vermeiden vermeide ausserhalb aussen statt stattdessen umgehen vorbei " +
		"bez zabud zabudte vne minuya obojti obojdem mimo vmesto " +
		"bina bahar baahar chhodo chhodiye bhool bhulo bajaye " +
		"elsewhere aside side off-site offline apart margen aparte afuera parte lado ailleurs cote marge nebenbei abseits vorbei storonu storone obhod obhodya alag",
	cDirect: "directly direct straight personally privately private between person ourselves " +
		// Paying it oneself, with no one between.
		"yourself yourselves selbst sami sam khud " +
		"directamente directo directa privado privada personalmente nosotros persona " +
		"diretamente direto direta particular pessoalmente pessoa " +
		"directement directe prive privee personnellement nous personne " +
		"direkt direkte privat private personlich unter uns " +
		"napryamuyu napryamuju naprjamuju pryamo lichno mezhdu nami " +
		"seedha seedhe sidha sidhe niji aapas personally beech " +
		"hand hands own privado* directo* diretament* directe* direkt* privat* personal* mano mao main hand ruki haath " +
		// Kept between the two: no one else sees it.
		"nobody secret secretly quietly discreet discreetly unofficial unofficially informal " +
		"nadie secreto discreto discretamente extraoficial informal nosotros " +
		"ninguem segredo discreto discretamente informal " +
		"secret discret discretement officieusement informel " +
		"niemand heimlich diskret inoffiziell " +
		"nikto nikomu tajno tiho tihomu neoficialno " +
		"chupke chupchap gupt",
	cFee: "fee fees commission commissions cut charge charges percent percentage markup surcharge " +
		"comision comisiones tarifa tarifas cargo porcentaje cuota " +
		"taxa taxas comissao tarifa porcentagem percentual " +
		"frais commission pourcentage taxe " +
		"gebuhr gebuhren provision prozent prozente " +
		"komissiya komissiyu komissii sbor procent procenta protsent " +
		"kamishan shulk katauti pratishat",
	cVenue: "platform platforms site website marketplace upwork fiverr escrow milestone milestones contract contracts system middleman " +
		"plataforma sitio sistema intermediario contrato " +
		"plataforma contrato intermediario " +
		"plateforme contrat systeme intermediaire sequestre " +
		"plattform vertrag treuhand vermittler " +
		"platforma platformu platforme sajt sajte kontrakt kontrakta posrednik " +
		"platform site " +
		"here page site upwork* escrow* milestone* contract* aqui pagina plataforma* contrato* aqui pagina ici page plateform* contrat* hier seite plattform* vertrag* meilenstein* zdes sajt platform* kontrakt* yahan yaha",
	cReview: "review reviews feedback rating ratings rated star stars starred score marks evaluation testimonial comment " +
		"resena resenas opinion valoracion calificacion califica calificame estrella estrellas comentario puntuacion puntaje nota valora " +
		"avaliacao avaliacoes avalia avalie estrela estrelas comentario nota opiniao depoimento pontuacao classificacao " +
		"avis note noter notez notation evaluation etoile etoiles commentaire temoignage " +
		"bewertung bewertungen bewerte bewerten sterne stern rezension kommentar beurteilung note " +
		"otzyv otzyva otzyvy otzyvom ocenka ocenku ocenite otsenka otsenku otsenite zvezd zvezdy zvezdu zvezdami rejting reiting " +
		"sitare sitaare taare reting tippani ranking rank ranking reyting " +
		"review* rating* feedback* testimonial* resena* valoracion* calificacion* calific* estrell* comentario* puntuacion* avaliac* avalie* estrel* comentario* evaluation* etoil* commentaire* bewert* sterne* rezension* hochstnote bestnote note noten otzyv* ocenk* ocenit* otsenk* zvezd* reiting* rejting*",
	cGood: "good great nice best top perfect excellent glowing amazing awesome wonderful fantastic outstanding brilliant superb " +
		"positive high highest highly maximum max full generous shine boost praise love well flawless stellar five ten " +
		"buena bueno buen buenas buenos excelente perfecta perfecto maxima maximo mejor mejores positiva positivo alta alto " +
		"cinco genial elogia elogios bien increible estupenda maravillosa brillante generoso generosa " +
		"boa bom boas bons otima otimo excelente perfeita perfeito maxima maximo melhor melhores positiva positivo alta " +
		"elogie elogios bem incrivel maravilhosa brilhante generoso generosa " +
		"bon bonne bons bonnes excellent excellente parfait parfaite meilleur meilleure maximale positif positive haute " +
		"elogieux elogieuse bien super formidable genereux genereuse cinq " +
		"gut gute guten gutes guter beste besten bester perfekt perfekte positiv positive hohe hochste hochsten maximale " +
		"volle voll toll tolle super lob loben hervorragend hervorragende ausgezeichnet ausgezeichnete grossartig funf " +
		"horoshij horoshiy horoshuyu horoshij khoroshiy khoroshuyu otlichnyj otlichnuyu otlichno luchshuyu luchshij " +
		"maksimalnuyu maksimalnyj pyat pyaterku polozhitelnyj polozhitelnyy polozhitelnuyu vysokuyu vysokij hvali pohvali " +
		"prekrasnyj prekrasnuyu idealnyj idealnuyu shchedro " +
		"achha achhi achhe acchi accha acche achchha badhiya badiya paanch panch zabardast shandar shaandaar tareef tarif " +
		"taarif umda behtareen behtarin " +
		"maksimum maksimalno maximo maxima maximal maximale hochstwert upar " +
		// Words of praise for the work or the worker.
		"lovely flattering impeccable spotless pleasant complimentary " +
		"bonito bonita lindo linda halagador halagadora impecable agradable elogioso elogiosa " +
		"impecavel agradavel lisonjeiro lisonjeira " +
		"joli jolie flatteur flatteuse irreprochable impeccable agreable " +
		"nett nettes netter nette schmeichelhaft schmeichelhafte makellos einwandfrei angenehm lobend " +
		"priyatnoe priyatnyj hvalebnyj hvalebnym hvalebnoe bezuprechnyj bezuprechno bezuprechnoj " +
		"pyara pyari pyare laajawab lajawab " +
		"gran grande maravill* increibl* excelent* perfect* positiv* otim maxim* incriv* parfait* excellen* superbe genial* toll hervorrag* ausgezeich* perfekt* hochst* bestnote hochstnote vysshuyu vysshij vysshaya luchsh* otlichn* idealn* maksimal* polozhitel* horosh* khorosh* bahut acchi achha sabse " +
		// A good rating by euphemism: make the profile shine, give the
		// score a boost, be kind with the stars.
		"shine boost push lift raise bump nudge kind generous generously " +
		"brillar brille brilla impulso empujon empujoncito amable " +
		"brilhar brilhe forca forcinha impulso gentil " +
		"briller brille coup pouce gentil genereux " +
		"glanzen glanzt schub auftrieb nett grosszugig grosszugige " +
		"siyat blistat podnyat podtolknut dobr dobree " +
		"chamakne chamkao badhava badhao",
	cAsk: "please pls plz kindly could would leave give write post put mark pick choose select say tell mention help make " +
		// Describing the work for others to read.
		"describe describir descreva descreve decrivez decrire beschreiben beschreibe opishite opisat " +
		// Choosing on a form: tick, check, click.
		"tick check click marca marcar marque escoge escoja escolhe escolher cochez cocher coche cliquez clique " +
		"klicken klick kreuzen ankreuzen markieren markiere otmet otmette otmetit vyberi vyberite nazhmite " +
		"chuno chunna chunein chuniye dabao dabana " +
		"appreciate mind can " +
		"dar puede puedes pode podes podem " +
		"mettre mettez peux pouvez peut " +
		"konnen kannst " +
		"postavit postavte postavte mozhete mozhesh mozhno " +
		"sakte sakti sakta " +
		"favor deja dejar dejame dame escribe escribir pon ponme poner marca elige elegir selecciona decir menciona ayuda " +
		"ayudame podrias podria puedes " +
		"deixe deixa deixar escreva escrever coloque coloca marque escolha selecione diga dizer mencione ajude ajuda poderia " +
		// Not "donne" nor "laisse": folded, they are also the past participles
		// of a record described ("mon dernier client m'a donné 5 étoiles").
		"svp stp plait laissez laisser donnez donner ecris ecrivez mets mettez choisis choisissez dites " +
		"mentionnez aidez aide pourriez pourrais " +
		"bitte lass lassen hinterlass hinterlasse hinterlassen gib geben schreib schreibe schreiben setz setze wahle wahlen " +
		"sag sage sagen erwahne hilf helfen konnten konntest wurden wurdest " +
		"pozhalujsta pozhaluysta pozhalusta ostav ostavte ostavit postav postavte daj dajte dai daite napishi napishite " +
		"vyberi vyberite skazhi skazhite upomyanite pomogi pomogite " +
		"kripya kripaya dijiye dijie dena dedo likhiye likho chuniye bataiye kahiye kaho madad " +
		"need want hope wish would necesito quiero espero gustaria preciso quero espero gostaria besoin veux voudrais espere brauche mochte hoffe nuzhno nuzhna hochu nadeyus chahiye chahta chahti ummeed",
	cYou: "you your yours yourself " +
		"usted ustedes tu tus te " +
		"voce vc seu sua " +
		"vous tu votre vos ton ta tes " +
		"du dein deine deinen dir dich ihnen ihr ihre " +
		"vy ty vash vasha vashu vam tebe tvoj tvoyu tvoya " +
		"aap aapka aapki aapke aapko tum tumhara tumhari tumhe",
	cDeal: "if once after exchange return bonus discount refund refunds free reward extra cheaper half favour favor deal " +
		// Ratings traded: "each other", "the same for me", "mutual".
		"each other same both mutual mutually reciprocate " +
		"mismo misma mutuamente ambos otro " +
		"mesmo mesma mutuamente ambos outro " +
		"pareil mutuellement mutuel autre " +
		"gegenseitig gleiche beide " +
		"drug drugu vzaimno oba " +
		"doosre dusre dono " +
		"si cambio descuento reembolso reembolsar gratis bono regalo devuelvo " +
		"caso troca desconto reembolso reembolsar gratis brinde devolvo " +
		"si echange remise rembourse rembourser remboursement gratuit gratuite cadeau reduction " +
		"wenn falls gegenzug rabatt erstatte erstatten gratis kostenlos kostenlose zuruck " +
		"esli obmen skidka skidku verny vernu besplatno besplatnyj podarok " +
		"agar badle discount free chhoot muft wapas " +
		"return* refund* discount* bonus* free descuent* reembols* devuelv* devolv* regal* descont* devolv* rembours* remise* offert offerte gratuit* cadeau* rabatt* erstatt* zuruck* kostenlos* skidk* vern besplat* bonus* wapas muft chhoot agla agli",
	cEnd: "close closes closing closed finish finished finishing end ends complete completed done wrap " +
		"cerrar cierre cierres cierra terminar termine terminemos final finalizar acabar " +
		"fechar feche fecharmos terminar termine final finalizar concluir acabar " +
		"fermer fermez fermeture terminer terminez fin finir cloturer cloture " +
		"schliessen schliesst abschliessen beenden beendet ende fertig abschluss " +
		"zakroete zakryt zakrytiya zavershit zavershenii okonchanii konec konce " +
		"khatam band poora pura samapt",
	cColour: "green blue purple violet yellow red pink black white " +
		"verde azul morado morada violeta amarilla amarillo roja rojo rosa negra " +
		"roxo roxa amarelo amarela vermelho " +
		"vert verte bleu bleue violet violette jaune rouge rose " +
		"grun grune grunen gruner grunes blau blaue blauen blauer blaues lila violett violette gelb gelbe gelben rot rote roten " +
		"zelenyj zelenoe zelenom zelenoj zelenyi sinij sinee sinem sinej sinyaya golubom goluboj fioletovyj fioletovom " +
		"zheltyj zheltom krasnyj krasnom rozovyj rozovom " +
		"hara hare hari neela neele neeli nila nile baingani jamuni peela peele laal gulabi " +
		"blanco blanca branco branca blanc blanche weiss weisse weissen weisser belyj beloe belom beloj safed",
	cApp: "app apps application messenger " +
		"aplicacion aplicaciones aplicativo aplicacao " +
		"appli applis " +
		"anwendung " +
		"prilozhenie prilozhenii prilozheniya messendzher messendzhere",
	cIcon: "icon icons logo bubble symbol ghost plane camera bird papierflieger samolet* samoletik* kagaz " +
		"icono simbolo burbuja fantasma avion avioncito camara pajaro " +
		"icone balao aviao aviaozinho passaro " +
		"bulle fantome avion appareil oiseau " +
		"symbol blase gespenst geist flugzeug kamera vogel " +
		"znachok znachkom ikonka ikonkoj prizrak samolet samoletom samolyotom kamera kameroj ptica " +
		"bhoot jahaz kaimra chidiya",
	cContact: "talk chat message text add ping reach call contact find write speak dm hmu search " +
		// Moving the conversation elsewhere.
		"move switch continue conversation chatting discuss " +
		"pasemos pasar pasamos seguimos sigamos continuar continuemos conversacion conversemos charlar charlamos hablar " +
		"passar passamos continuar conversa conversar falar papo " +
		"passons passer continuons continuer discuter discutons conversation parler " +
		"wechseln wechsle weiterreden weiterschreiben sprechen reden unterhalten chatten " +
		"perejdem perejti perejdyom obshchatsya obshchenie obsudim obsudit pogovorim pogovorit " +
		"shift baatcheet " +
		"habla hablamos hablemos escribeme agrega agregame anade anademe busca buscame llama llamame contacta contactame " +
		"mensaje encuentra encuentrame " +
		"fala falamos falar escreve adiciona adicione procura procure chama contata mensagem encontra " +
		"parle parlons parler ecris ecrivez ajoute ajoutez cherche cherchez appelle appelez contacte contactez trouve trouvez " +
		"schreib schreibe schreibt melde meld such suche finde find kontaktiere ruf anrufen nachricht adde " +
		"pishi pishite napishi napishite dobav dobavte najdi najdite naidi ishchi zvoni svyazhis soobshchenie stuchi " +
		"baat message msg add dhundho dhoondho dhundh likho sampark ping " +
		"suchen sucht ishchite ishite poishchite dhoond dhund lookup buscar procurar chercher " +
		"habl escrib* agreg* busc llam contact* mensaj* fal escrev* adicion* procur* cham contat* mensag* parl ecri ajout* cherch* appel* contact* messag* schreib* meld such kontakt* nachricht* anruf* pish napish* dobav* najd naid zvon svyaz* soobshch* dhund* dhoond* baat",
	cName: "same name nick nickname username handle id everywhere " +
		// One name on every app.
		"partes dondequiera lugar partout uberall uberallhin vezde vsyudu jagah " +
		"mismo misma nombre usuario " +
		"mesmo mesma nome apelido " +
		"meme nom pseudo identifiant " +
		"gleiche gleichen selbe selben namen nutzername benutzername " +
		"tot zhe takoj takoe imya imeni nik login " +
		"wahi wohi naam",
	cMessenger: "skype whatsapp telegram signal wechat discord instagram insta ig viber snapchat kik facebook fb messenger " +
		"twitter tiktok threema icq imessage hangouts linkedin kakaotalk kakao zalo slack facetime gchat tg snap whats " +
		"zap zapzap wpp vatsap votsap telega telege telegi wasap guasap watsap whatsap tgram telegrama",
	cMethod: "paypal venmo zelle wise transferwise payoneer cashapp skrill revolut westernunion moneygram " +
		"bitcoin btc usdt usdc eth ethereum crypto cryptocurrency tether binance iban swift gcash paytm " +
		"alipay interac bank pix upi cash western bizum phonepe yoomoney qiwi googlepay gpay applepay mbway webmoney payeer " +
		"giftcard giftcards voucher vouchers gutschein gutscheine vale cheque " +
		// Gift cards and prepaid codes, a means of payment of their own.
		"gift gifts prepaid prepago regalo regalos presente cadeau cadeaux gutschein* podaroch* prepaid*",
	cNeg: "not never no dont don cant cannot wont won shouldn nt " +
		"ne pas jamais nunca nao nem nicht kein keine keinen nie niemals net nikogda nahi nahin mat",
	cHonest: "honest honestly fair fairly sincere sincerely truthful candid objective objectively unbiased impartial whatever " +
		"genuine honesta honesto honestamente sincera sincero sinceramente justa justo imparcial objetiva objetivo " +
		"honnete honnetement sincerement juste impartiale objectif ehrlich ehrliche ehrlichen faire fairen aufrichtig " +
		"objektiv objektive chestnyj chestnoj chestnuyu chestno chestnye spravedlivo obektivno iskrenne " +
		"imandari imaandari imandaar sachchi sacchi sahi",
	cHave: "have has had got gotten earned received gave given kept " +
		"tengo tiene tenemos tuve recibi recibido dio dieron gane " +
		"tenho tem temos tive recebi recebido deu deram ganhei " +
		"avons recu obtenu " +
		"habe hat haben hatte bekommen erhalten gab gegeben " +
		"poluchil poluchila poluchal postavil postavila postavili dal dali " +
		"paas mile mila mili diye diya di " +
		"already past last previous ultimo ultima anterior deja dernier derniere precedent schon bereits letzte letzten uzhe poslednij proshlyj pichle pichhle pehle " +
		// A count of what one has: "over 30 reviews", "bolee 7 otzyvov".
		"over total bolee zyada jyada mehr " +
		// A profile that shows what it holds.
		"shows displays muestra mostra affiche zeigt pokazyvaet dikhata dikhati dikhate " +
		// Reviews given by past clients are a record, not an ask.
		"client clients customer customers cliente clientes kunde kunden klient klienty klienta",
	cTech: "bot bots chatbot chatbots api apis sdk integration integrations integrate webhook webhooks channel channels " +
		"subscribers followers business enterprise migrate migrating migration backend frontend plugin gateway checkout " +
		"migra* migri* empresa* downloads descargas usuarios users nutzer " +
		"developer development automation automate deploy server database dashboard " +
		"integracion integrar canal canales suscriptores seguidores empresa migrar desarrollador desarrollo automatizacion pasarela " +
		"integracao integrar inscritos seguidores migrar desenvolvedor desenvolvimento automacao " +
		"integration integrer chaine abonnes entreprise migrer developpeur developpement passerelle " +
		"integration integrieren kanal abonnenten unternehmen migrieren migration entwickler entwicklung schnittstelle " +
		"integraciya integracii bot bota kanal podpischiki migraciya razrabotchik razrabotka vebhuk vebhuki vebhukami " +
		"integration developer " +
		// An app's or a channel's audience: users, subscribers, downloads.
		"usuarios utilizadores telechargements utilisateurs abonnes benutzer downloads " +
		"kanal* podpischik* polzovatel* skachivan* " +
		"yuzar subscribers",
	cForm: "survey surveys questionnaire questionnaires poll polls form forms scale " +
		"encuesta encuestas cuestionario formulario formularios escala " +
		"pesquisa questionario formulario enquete escala " +
		"sondage formulaire enquete echelle " +
		"umfrage formular fragebogen skala " +
		"opros oprosnik anketa anketu forma formu shkala " +
		"sarvey form prashnavali",
	cVia: "through thru via using " +
		"pela pelo mediante traves " +
		"par via " +
		"uber per " +
		"cherez " +
		"dwara zariye jariye",
	cBad: "bad poor negative low lowest worst terrible awful unfair mediocre " +
		"mala malo negativa negativo baja bajo peor " +
		"ruim pessima pessimo negativa negativo baixa baixo pior " +
		"mauvais mauvaise negatif negative basse pire mediocre " +
		"schlecht schlechte schlechten negativ negative niedrig niedrige schlechteste " +
		"plohoj plohuyu plohoe otricatelnyj otricatelnuyu nizkuyu nizkij hudshij " +
		"bura buri bure kharab ghatiya kam",
	cGoods: "domain domains file files rights ownership repo repository source code assets design designs project data " +
		"copyright license licence account_access credentials " +
		"dominio archivo archivos derechos propiedad repositorio codigo fuente disenos proyecto datos licencia " +
		"arquivo arquivos direitos autorais propriedade repositorio codigo fonte projeto licenca " +
		"domaine fichier fichiers droits propriete depot code source projet donnees licence " +
		"domain datei dateien rechte urheberrechte eigentum repository quellcode projekt lizenz " +
		"domen fajl fajly prava kod ishodniki proekt licenziyu " +
		"domain file files adhikar code project",
}

// concepts maps a skeleton word (skeleton table: an "i" reads as an "l")
// to its concept bits; conceptStems the same for the stems of words
// written with a star.
var concepts, conceptStems = func() (map[string]uint32, map[string]uint32) {
	words, stems := map[string]uint32{}, map[string]uint32{}
	for c, list := range conceptWords {
		for _, w := range strings.Fields(list) {
			m := words
			if strings.HasSuffix(w, "*") {
				w, m = strings.TrimSuffix(w, "*"), stems
				if len(w) < minStem {
					panic("screen: concept stem too short: " + w)
				}
			}
			b := []byte(w)
			for k := range b {
				b[k] = skeleton[b[k]]
			}
			m[string(b)] |= 1 << c
		}
	}
	return words, stems
}()

// minStem and maxStem bound the stems of conceptStems.
const (
	minStem = 5
	maxStem = 10
)

// conceptOf returns the concept bits of skeleton word w.
func conceptOf(w []byte) uint32 {
	if len(w) == 0 || w[0] == '#' {
		return 0
	}
	c := concepts[string(w)]
	if len(conceptStems) > 0 {
		for n := minStem; n < len(w) && n <= maxStem; n++ {
			c |= conceptStems[string(w[:n])]
		}
	}
	return c
}

const (
	seedConcept = 0x1b873593
	seedCPair   = 0xe6546b64
)

// conceptFeats appends to dst the features of a sentence whose words
// hold concept bits mask: one per concept present, one per pair of
// concepts present together.
func conceptFeats(dst []uint32, words uint64) []uint32 {
	if words == 0 {
		return dst
	}
	mask := sentenceConcepts(words)
	for a := 0; a < nConcepts; a++ {
		if mask&(1<<a) == 0 {
			continue
		}
		dst = append(dst, conceptPair[a][a])
		for b := a + 1; b < nConcepts; b++ {
			if mask&(1<<b) != 0 {
				dst = append(dst, conceptPair[a][b])
			}
		}
	}
	return dst
}

// sentenceConcepts returns the concepts of a sentence whose words and marks
// hold concepts words: those, what they imply, the sentence-level ones and
// the broader classes.
func sentenceConcepts(words uint64) uint64 {
	mask := words
	if mask&(1<<cAsk|1<<cYou) == 0 {
		mask |= 1 << cUnaddressed
	}
	if mask&(1<<cReview) != 0 && mask&(1<<cGood) == 0 {
		mask |= 1 << cUnvalued
	}
	if mask&(1<<cFive) != 0 && mask&(1<<cReview) != 0 {
		mask |= 1 << cGood // "5 stars", "10 points"
	}
	if mask&(1<<cTopScore) != 0 {
		mask |= 1<<cGood | 1<<cReview // "5/5", "★★★★★": a rating, and a good one
	}
	if mask&(1<<cColourApp) != 0 || mask&(1<<cApp) != 0 && mask&(1<<cIcon) != 0 {
		// "the green app", "the app with the paper plane": a messenger
		// named by its colour or its icon. A colour must stand next to the
		// app ("the green button in the app" names a button).
		mask |= 1 << cMessenger
	}
	for _, sp := range supers {
		if mask&sp.from != 0 {
			mask |= 1 << sp.bit
		}
	}
	return mask
}

// appNear is how many words apart a colour and a word for an app may be
// to name a messenger together: "the green app", "la app verde", "in der
// App mit dem weißen Telefon".
const appNear = 3

// colourApp tracks, word by word, where the last word for an app and the
// last colour were, and reports whether they are now close enough to name
// a messenger (cColourApp).
type colourApp struct{ app, colour int }

func newColourApp() colourApp { return colourApp{-appNear - 1, -appNear - 1} }

func (ca *colourApp) see(k int, c uint32) bool {
	if c&(1<<cApp|1<<cColour) == 0 {
		return false
	}
	if c&(1<<cApp) != 0 {
		ca.app = k
	}
	if c&(1<<cColour) != 0 {
		ca.colour = k
	}
	return ca.app >= 0 && ca.colour >= 0 && ca.app-ca.colour <= appNear && ca.colour-ca.app <= appNear
}

// conceptPair holds the bucket of each pair of concepts a < b, and on
// its diagonal the bucket of each concept alone.
var conceptPair = func() (t [nConcepts][nConcepts]uint32) {
	for a := range t {
		for b := range t[a] {
			t[a][b] = hash(seedCPair, []byte{byte(a), byte(b)}) & (modelDim - 1)
		}
		t[a][a] = hash(seedConcept, []byte{byte(a)}) & (modelDim - 1)
	}
	return t
}()

// scoreMarks returns the concepts of a score written with digits or
// symbols at token i (a number or a star, folded to "*") of a sentence
// ending before token to: the maximum written out ("5/5", "10/10", "5 of
// 5", "100%", "5.0", a row of three or more stars) is cTopScore, a number
// of stars ("4*", "5⭐") a rating (cReview), and five of them a good one.
func (sc *scan) scoreMarks(i, to int) uint64 {
	toks, b := sc.toks, sc.f.b
	t := toks[i]
	if t.kind == kPunct { // a star
		if i > 0 && toks[i-1].kind == kPunct && b[toks[i-1].s] == '*' {
			return 0 // counted at the first star of the row
		}
		n := 0
		for k := i; k < to && toks[k].kind == kPunct && b[toks[k].s] == '*'; k++ {
			n++
		}
		if n >= 3 {
			return 1 << cTopScore
		}
		return 0
	}
	punct := func(k int, c byte) bool { return k < to && toks[k].kind == kPunct && b[toks[k].s] == c }
	n := t.e - t.s
	if n == 1 && punct(i+1, '*') { // a number of stars: "4*", "5⭐"
		if b[t.s] == '5' {
			return 1<<cReview | 1<<cGood
		}
		return 1 << cReview
	}
	if n > 3 || n == 2 && (b[t.s] != '1' || b[t.s+1] != '0') || n == 3 && string(b[t.s:t.e]) != "100" || n == 1 && b[t.s] != '5' {
		return 0 // only 5, 10 and 100 are scores at the top
	}
	num := string(b[t.s:t.e])
	same := func(k int) bool {
		return k < to && toks[k].flags&lxDigits != 0 && string(b[toks[k].s:toks[k].e]) == num
	}
	switch {
	case punct(i+1, '/') && same(i+2), // 5/5
		i+2 < to && toks[i+1].kind == kWord && toks[i+1].e-toks[i+1].s <= 4 && same(i+2): // 5 of 5, 5 von 5
		return 1 << cTopScore
	case num == "100" && punct(i+1, '%'):
		return 1 << cTopScore
	case (num == "5" || num == "10") && (punct(i+1, '.') || punct(i+1, ',')) && i+2 < to && string(b[toks[i+2].s:toks[i+2].e]) == "0":
		return 1 << cTopScore
	case num == "5" || num == "10":
		return 1 << cFive
	}
	return 0
}

// venueNegated reports whether the venue word at token i (the platform,
// the contract, the escrow) is negated by a word at most four tokens
// before it, in a sentence starting at from, with no word of going
// outside between: "no need for the contract", "kein Vertrag", "not paid
// through this site" leave the platform out, where "never outside the
// platform" keeps it in.
func (sc *scan) venueNegated(from, i int) bool {
	for k := i - 1; k >= from && k >= i-4; k-- {
		f := sc.toks[k].flags
		if f&(lxOutside|lxOff|lxAvoid) != 0 {
			return false
		}
		if f&(lxNeg|lxNot) != 0 {
			return true
		}
	}
	return false
}

// valuedNear reports whether the sentence before or after sentence si
// names a good rating (cGood, cTopScore) for the rating sentence si names:
// "You will see a rating form at the end. Please pick the highest one." A
// sentence that names a rating of its own ("a short comment would be
// great") speaks of that one.
func (sc *scan) valuedNear(si int) bool {
	for _, k := range [2]int{si - 1, si + 1} {
		if k < 0 || k >= len(sc.sents) {
			continue
		}
		st := sc.sents[k]
		var all uint64
		for i := st.from; i < st.to; i++ {
			t := sc.toks[i]
			var c uint64
			switch {
			case t.flags&lxDigits != 0 || t.kind == kPunct && sc.f.b[t.s] == '*':
				c = sc.scoreMarks(i, st.to)
			case t.kind == kWord:
				var buf [maxStem + 8]byte
				w := sc.f.b[t.s:t.e]
				if len(w) > len(buf) {
					continue
				}
				for j, ch := range w {
					buf[j] = skeleton[ch]
				}
				c = uint64(conceptOf(buf[:len(w)]))
			}
			all |= c
		}
		if valued(all) && all&(1<<cReview) == 0 {
			return true
		}
	}
	return false
}

// valued reports whether words of concepts c name a good rating: a word of
// praise, the top score, or five of something that is a rating.
func valued(c uint64) bool {
	return c&(1<<cGood|1<<cTopScore) != 0 || c&(1<<cFive|1<<cReview) == 1<<cFive|1<<cReview
}

// inherit returns the concepts of a sentence whose words' concepts are
// words, after a sentence whose words' concepts are prev: a sentence that
// asks for the best of something without naming it, after one that names
// a rating or the form it is given on ("You will see a rating form at the
// end. Please pick the highest one.", "There is a short survey at the end.
// Tick the maximum for me."), is about that rating.
func inherit(words, prev uint64) uint64 {
	if words&(1<<cReview) == 0 && prev&(1<<cReview|1<<cForm) != 0 && words&(1<<cAsk|1<<cYou) != 0 && valued(words|1<<cReview) {
		words |= 1 << cReview
	}
	return words
}
