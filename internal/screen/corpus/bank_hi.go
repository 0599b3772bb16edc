package corpus

// Hindi sentence bank in Latin script (Hinglish), as members type it
// (same slots as bankEN).
var bankHI = bank{
	"filler": `Jaldi reply karne ke liye thanks.
Maine project ka description dhyan se padha hai.
Agar aapko theek lage to main Monday se start kar sakta hoon.
Pehla draft chaar din mein ready ho jayega.
Maine pehle bhi do agencies ke liye aisa kaam kiya hai.
Plan mein kuch galat lage to batana.
Aapka din accha ho.`,
	"email": `Aap mujhe {v} par kabhi bhi likh sakte ho.
Mera email {v} hai, files wahan bhej do.
Direct contact: {v}
{v} par mail karo, main aaj hi quote bhej dunga.
Agar chat slow hai to mera email {v} hai.`,
	"email_provider": `Mera {p} {u} hai, wahan likho.
{p} par mujhe {u} naam se dhoondo.
Main {p} par {u} hoon, brief wahan bhejo.`,
	"email_split": `Mera email {a} se shuru hota hai. Baaki {b} hai, samajh gaye na.
Email ka pehla part {a} hai. At the rate ke baad {b} likho.`,
	"phone": `Mujhe {v} par shaam ko call karo.
Mera number {v} hai.
{v} par message kar do, baat karte hain.
Mera mobile {v} hai, yeh chat se fast hai.
Phone {v}, mera naam bolna.`,
	"phone_split": `Mera number {a} se shuru hota hai. Last digits {b} hain.
Note kar lo: {a}. Phir {b}, yeh mera mobile hai.`,
	"url": `Mera kaam {v} par dekho
Mera portfolio {v} par hai, sab kuch wahan hai.
Aur samples: {v}
Seedha {v} par slot book kar lo.`,
	"handle": `Mujhe {v} par add karo, wahan baat karte hain.
Main {v} par hoon, message karo.
Mera contact {v} hai, is app se easy hai.
{v}`,
	"handle_move": `Chalo {m} par baat karte hain, mere liye easy hai.
Kya hum {m} par baat kar sakte hain? Main yeh site kam kholta hoon.
Details ke liye {m} par shift ho jaate hain.`,
	"handle_verb": `Ready ho to mujhe {m} kar dena.
Mujhe {m} pe ping karo, main sab bhej dunga.`,
	"handle_nomessenger": `Mera username har jagah {v} hai, dhoond lo.
Kagaz ke plane wale app mein {v} search karo.`,
	"handle_euphemism": `Green wale app pe baat karte hain, aap samajh gaye.
Neele app mein plane wala, wahan mujhe dhoondo.
Hara app pe message karo, same naam.`,
	"pay_method": `Paise mere {m} par bhej do.
Mujhe {m} pasand hai, dono ke liye fast hai.
{m} se payment kar do, main aaj hi start karunga.
Chhote kaam ke liye main sirf {m} leta hoon.`,
	"pay_direct": `Milestone ki jagah seedha mujhe payment kar sakte ho?
Payment direct mujhe bhej do, better rahega.
Payment hum dono aapas mein settle kar lete hain.`,
	"pay_fee": `Bahar se karein to commission bach jayega.
Platform ki fees skip karte hain, main rate kam kar dunga.
Aap khud transfer karo to commission nahi lagega.`,
	"pay_outside": `Payment platform ke bahar kar lete hain.
Deal is site ke bahar close karte hain.
Mujhe is website se payment nahi chahiye.`,
	"pay_bank": `Transfer ke liye mere bank details: {v}
Advance mere account {v} mein daal do.
Mera account number {v} hai, wahan bhej do.`,
	"pay_crypto": `Mere wallet {v} par USDT bhej do
Crypto chalega, address: {v}`,
	"pay_euphemism": `Paise wali baat hum apne hisaab se kar lenge, beech mein koi nahi.
Payment dosti mein kar lete hain, bina kisi ke.
Paise ke maamle mein platform ko beech mein mat lao.`,
	"pay_cash": `Main aa jaunga, aap cash de dena.
Milte hain aur aap wahin payment kar dena.`,
	"pay_giftcard": `Amazon gift card se payment kar sakte ho.
Utne amount ke gift card codes bhej do.`,
	"pay_paraphrase": `Kaam deliver hone ke baad paise khud mujhe bhej dena.
Contract ki zarurat nahi, jo tay hua woh mere account mein daal do.
Escrow chhodo, mujhe aap par bharosa hai, seedha bhejo.`,
	"review_five": `Kaam khatam hone par five star review de doge?
Please mujhe 5 star dena, bahut help hogi.
Five star rating mere liye bahut maayne rakhti hai.`,
	"review_symbols": `Contract close karte waqt mujhe {v} dena please.
Sirf {v}, meri ranking us par depend karti hai.`,
	"review_numeric": `End mein mujhe {v} rating dena please.
Review mein {v} de sakte ho?`,
	"review_exchange": `Positive review doge to discount de dunga.
Accha review do, agla revision free.`,
	"review_refund": `Top rating dene par kuch paise wapas kar dunga.
Best rating do, main 20 dollar lauta dunga.`,
	"review_mutual": `Aap mujhe five star do, main aapko five star dunga.
Chalo dono ek doosre ko perfect review dete hain.`,
	"review_paraphrase": `Review mein please sirf acchi baatein likhna.
End mein mere baare mein kuch bahut accha likh dena.`,
	"review_euphemism": `Contract close karte waqt meri profile ko chamka dena.
Meri rating ko thoda upar kar dena end mein.`,
	"review_split": `Contract close karoge to ek form aayega. Usme sabse upar wala option chunna.
End mein ek chhota survey hoga. Sab maximum pe tick kar dena.`,
	"review_pressure": `Paanch star se kam mila to mera account band ho jayega, please.
Top rating nahi mili to mera badge chala jayega.`,
	"neg_payment_integration": `Hume apne Shopify store mein {m} integrate karne ke liye developer chahiye.
Booking app mein {m} aur Stripe payments add karne hain.
Mujhe {m} API aur webhooks ka experience hai.`,
	"neg_prices": `Mera rate {price} per hour hai, lagbhag {qty} ghante.
Poore project ka fixed price {price} hoga.
Budget: {price}, yahin milestones se payment.`,
	"neg_invoice": `Doosre milestone ka invoice {n} platform par daal diya hai.
Files check karke milestone 3 ({price}) approve kar dena.`,
	"neg_code": `Bug {file} mein hai, line {qty} par.
Library ka version {ver} memory leak fix karta hai.`,
	"neg_address": `Hamara office {n} MG Road, {city} mein hai.
Hum {city} mein hain, station ke paas.`,
	"neg_through_platform": `Please platform se hi payment karo, dono safe rahenge.
Main sirf yahan ke contract se kaam karta hoon, bahar kabhi nahi.
Main email ya phone share nahi kar sakta, rules allow nahi karte.`,
	"neg_honest_review": `Kaam pasand aaye to ek honest review meri help karega.
Jo rating aapko sahi lage woh dena.`,
	"neg_tech_names": `Main {tech}, React aur PostgreSQL mein kaam karta hoon.
Backend {tech} mein banaya aur AWS par deploy kiya.`,
	"neg_dates_versions": `Version {ver} {date} ko release hoga.
Mujhe mobile apps mein {qty} saal ka experience hai.`,
	"neg_messenger_dev": `Hume ek {m} bot chahiye jo customers ko update bheje.
Maine Python mein teen {m} chatbots banaye hain.`,
	"neg_email_dev": `Newsletter ke liye paanch email templates design karo.
Main aapke domain ke liye SPF, DKIM aur DMARC set kar dunga.`,
	"neg_meeting": `Kal 9:30 baje platform par call kar lein?
Main dopahar 12 ya shaam 4 baje free hoon.`,
	"neg_crypto_dev": `Staking contract ke liye Solidity developer chahiye.
Stablecoins kaise kaam karte hain is par article likho.`,
	"neg_files": `Maine report_final.pdf aur SVG logo attach kiya hai.
Data sales_2023.csv mein hai.`,
	"neg_review_describe": `Mere paas yahan {qty} se zyada five star reviews hain.
Pichle client ne mujhe aise hi logo ke liye 5 star diye.`,
	"neg_general": `Thanks, colours ab kaafi better lag rahe hain.
Weekend se pehle revised draft bhej dunga.`,
}
