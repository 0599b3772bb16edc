package corpus

// English sentence bank. Slots: {v} a contact value as the family writes
// it, {m} a payment method or messenger name, {u} a user name, {p} a mail
// provider, {a} and {b} the two halves of a split value, {price}, {date},
// {ver}, {qty}, {file}, {tech}, {city}, {n} values for honest text.
var bankEN = bank{
	"filler": `Thanks for the quick reply.
I read the brief twice and I think I understand the scope.
Hope your week is going well.
I can start on Monday if that works for you.
The first draft should be ready in about four days.
Let me know if anything in the plan looks off.
I have done similar work for two agencies last year.
Happy to adjust the timeline if needed.
Attached you will find a short outline of my approach.
Looking forward to working together on this.
Could you share the brand guidelines when you get a chance?
I will keep you updated at every milestone.
Sorry for the late answer, I was travelling.
Great, that clears things up.
No rush on your side.`,
	"email": `You can write to me at {v} anytime.
My email is {v}, drop me a line there.
Send the files to {v} please.
Reach me directly: {v}
Best way to get me is {v}.
Contact: {v}
Mail me the full spec at {v} and I'll quote tonight.
I check {v} more often than this inbox.
If the chat here is slow, my address is {v}.
For the contract details, use {v}.`,
	"email_provider": `My {p} is {u}, write there.
Find me on {p} as {u}.
I'm {u} on {p}, send the brief there.
Just add {u} in your {p} and we'll sort it out.
My {p} handle is {u}, faster than here.
Ping {u} on {p}, same name as here.`,
	"email_split": `My mailbox starts with {a}. The rest is {b}, you know the drill.
First part of my email is {a}. After the little a in a circle write {b}.
Take my name {a}. Then add {b} and you have my email.`,
	"phone": `Call me on {v} after 6pm.
My number is {v}.
Text me at {v} and we can go through it.
You can reach me by phone: {v}
Give me a ring, {v}, I pick up until late.
Phone {v}, ask for me.
WhatsApp or regular call, either works: {v}
Just dial {v} when you are free.
My cell is {v}, quicker than this chat.
Save my number {v} so we stay in touch.`,
	"phone_split": `My number starts with {a}. The last digits are {b}.
Note this down: {a}. And then {b}, that's my cell.
First half {a}. Second half {b}. Call after lunch.`,
	"url": `Have a look at my work on {v}
My portfolio lives at {v}, everything is there.
Check {v} for the full case studies.
More samples: {v}
I keep my rates on {v}.
Visit {v} and book a slot directly.
The demo is up at {v}, tell me what you think.
All my previous projects are listed at {v}`,
	"handle": `Add me on {v}, we can talk there.
I'm on {v}, message me.
{v}
My contact is {v}, easier than this app.
Find me at {v} so we can go faster.
Let's continue the chat: {v}
Hit me up, {v}
Write to {v} and I'll reply in minutes.`,
	"handle_move": `Let's move this conversation to {m}, it's easier for me.
Can we continue on {m}? I rarely open this site.
We could talk on {m} instead, I answer faster there.
Do you use {m}? Let's chat there.
Let's switch to {m} for the details.
I'd rather discuss it over {m}.`,
	"handle_verb": `{m} me when you're ready.
Just {m} me and I'll send the files.
Better {m} me, I'm always online there.`,
	"handle_nomessenger": `My username everywhere is {v}, look me up.
Search for {v} on the app with the paper plane.
I'm {v} on all the usual apps.
Same nick as here but with numbers: {v}, find me.
Look for {v} in the search bar of the green app.`,
	"handle_euphemism": `Let's talk on the green app, you know which one.
Find me on the blue app with the paper plane.
Message me on the app with the little ghost, same name as here.
Do you have the purple camera app? Add me there.
Let's use the app with the phone icon in a green bubble.
Ping me on the gamer chat app, same name.`,
	"pay_method": `You can send the money to my {m}.
I prefer {m}, it is quicker for both of us.
Pay me via {m} and I'll start today.
Can you do {m} instead? It's easier.
Send it through {m}, my account is under my name.
I only accept {m} for small jobs like this.
Just {m} me the deposit and we're good.`,
	"pay_direct": `Can you pay me directly instead of through the milestone?
Better if you send the payment straight to me.
Let's handle the payment between the two of us.
Pay me directly and I'll give you a better price.
I'd like the money sent to me personally, not through the contract.
We can settle it privately, just the two of us.`,
	"pay_fee": `If we do it outside, we both save the 20 percent.
Let's skip the platform fee and I'll lower my rate.
Why give them a cut? Pay me directly and keep the difference.
We can avoid the commission if you transfer it yourself.
The service charge is too high, let's not pay it.
I can knock off the fee if we don't use the contract.`,
	"pay_outside": `Let's do the payment outside this platform.
We can take this off the site and pay normally.
Let's close the deal away from here.
I'd rather not get paid through this website.
Can we finish the paperwork off Upwork?
Let's continue outside the marketplace, it's simpler.`,
	"pay_bank": `Here are my bank details for the transfer: IBAN {v}
Wire the deposit to my account, IBAN {v}.
Transfer the amount to my bank account {v}.
My account number is {v}, please send it there.
Use a direct bank transfer, details: {v}`,
	"pay_crypto": `Send USDT to my wallet {v}
I take crypto, wallet address: {v}
Pay in bitcoin please, here is the address {v}
My TRC20 address is {v}, send it there.
Can you pay in USDT? Wallet {v}`,
	"pay_euphemism": `Let's keep the money part off the books.
We can sort out the money the old-fashioned way, no middle man.
Let's keep the platform out of the money part.
The payment side we can handle between friends.
Let's leave the money outside of the system.
I'll send an invoice from my own company and you pay that instead.`,
	"pay_cash": `I can come by and you pay me in cash.
Cash in hand works best for me, we can meet.
We can meet in person and you pay on the spot.
Bring the money when we meet and skip the contract.`,
	"pay_giftcard": `You can pay with Amazon gift cards if that's easier.
Send me gift card codes for the amount.
Steam or Google Play cards are fine as payment.
Gift vouchers work too, just send the codes.`,
	"pay_paraphrase": `Once I deliver, just move the money to me yourself.
No need for the contract, send what we agreed to my account.
I'll give you my details so the money comes straight to me.
Drop the amount into my account once the logo is done.
Let's do the money part person to person.
Forget the escrow, I trust you, send it to me.`,
	"review_five": `Could you leave me a five-star review when we finish?
Please give me 5 stars, it really helps.
I'd appreciate a 5 star rating once the contract closes.
Would you mind rating me with five stars?
A five star review would mean a lot to me.
Please mark me 5 stars at the end.`,
	"review_symbols": `Please leave me {v} when we close the job.
Only {v} please, my ranking depends on it.
Would you give me {v}, thanks?
End the contract with {v} for me, please.`,
	"review_numeric": `Please rate me {v} at the end.
Could you give me a {v} on the feedback?
I need a {v} rating, please.
Would you score me {v} when you close the contract?`,
	"review_exchange": `I'll give you a discount if you leave a positive review.
Leave me a great review and the next revision is free.
If you rate me top marks, I'll add a bonus logo.
Positive feedback and I'll throw in the source files for free.
For a glowing review I can drop the price by ten dollars.
Rate me well and the next job costs half.`,
	"review_refund": `I'll refund part of the price once you post a top rating.
Give me the best score and I'll send 20 dollars back.
Leave the maximum rating and I'll return the deposit.
After a perfect review I can refund the last milestone.`,
	"review_mutual": `I'll rate you five stars if you do the same for me.
Let's both leave each other perfect reviews.
I gave you top feedback, please return the favour.
You rate me high, I rate you high, deal?`,
	"review_paraphrase": `Please say only good things about me in the feedback.
When you close it, tell everyone I was amazing.
Write something really nice about me when the job ends.
Make sure the feedback you leave is glowing.
Please praise my work in the review.
Mention how happy you were in the public feedback.`,
	"review_euphemism": `Help my profile shine when you close the contract.
Give my score a little boost at the end.
Be generous with the stars, you know what I mean.
A little love on my rating would go a long way.
Push my rating up a bit when you close, please.`,
	"review_split": `When you close the contract you will see a rating form. Please pick the highest one.
There's a feedback screen at the end. Choose the top option for me.
You'll get a little survey after closing. Go all the way to the right.`,
	"review_pressure": `Anything less than five stars will get me suspended, please.
I lose my badge if I don't get top marks from you.
One four-star review ruins my account, so please give me five.
My ranking drops with anything below a perfect score, please help.`,
	"neg_payment_integration": `We need a developer to integrate {m} checkout into our Shopify store.
Looking for someone to build a {m} payment gateway for our booking app.
Job: add {m} and Stripe subscriptions to a Django backend.
Experience with the {m} API and webhooks is required.
The task is to fix failed {m} refunds in our WooCommerce plugin.
I have integrated {m}, Stripe and Adyen for three e-commerce clients.
We want reconciliation reports that match {m} payouts to orders.
Migrate our checkout from {m} Classic to the new REST API.
Build a dashboard showing {m} transactions per day.
Our app already accepts {m}; we need Apple Pay added next.`,
	"neg_prices": `My rate is {price} per hour, {qty} hours estimated.
The fixed price for the whole project would be {price}.
I can do the logo for {price}, including three revisions.
Budget: {price}, paid through milestones here.
The translation costs {price} per 1,000 words.
Total estimate {price}, delivery in {qty} days.
I can give you a better rate for a longer contract.
For {qty} articles a month I'd give you a lower rate.
My rate drops to {price} if we extend the contract here.`,
	"neg_invoice": `Invoice {n} for milestone two has been submitted on the platform.
Please approve milestone 3 ({price}) when you have checked the files.
I sent the final invoice through the contract, due {date}.
The platform shows payment {n} as pending, is that expected?
I have requested {price} for the second milestone here.
Your last payment of {price} arrived, thank you.`,
	"neg_code": `The bug is in {file}, line {qty}: the loop never exits.
Run npm install and then npm run build to get the bundle.
Use user.email instead of user.mail in the serializer.
I changed the regex to ^[a-z0-9._%+-]+@[a-z0-9.-]+$ for validation.
Version {ver} of the library fixed the memory leak.
Set SMTP_HOST to the mail server and restart the worker.
Call the endpoint /api/v2/orders with page=2.
The function returns null when the phone field is empty.`,
	"neg_address": `Our office is at {n} Market Street, {city}.
The studio moved to {n} Rue de Rivoli, {city}, last spring.
Deliveries go to the warehouse at {n} Industrial Road, {city}.
We are based in {city}, close to the central station.
The event venue is {n} Harbour Lane, {city}.`,
	"neg_through_platform": `Please pay through the platform so we are both protected.
I only work through the contract here, never outside.
All payments go through the milestones on this site.
Let's keep everything here, including messages and files.
I can't share my email or phone; the platform rules don't allow it.
For safety, I never accept PayPal or bank transfers outside the platform.`,
	"neg_honest_review": `If you are happy with the work, an honest review would help me.
Please leave whatever feedback you think is fair.
Any feedback is welcome, good or bad, it helps me improve.
When we finish, I'd be grateful for your honest opinion.
Feel free to rate the work as you see it.
Would you mind leaving a review once the contract ends?
If you have a minute, a review of any kind is appreciated.
Reviews help new freelancers like me, whatever you decide to write.
You will get a feedback form when the contract closes, fill it as you like.
A short comment on how the project went would be great.
Could you leave some feedback when you find the time?
Leave feedback whenever you like, it's optional.
Please rate the collaboration honestly, it helps others decide.`,
	"neg_tech_names": `I work with {tech}, React and PostgreSQL.
Stack: {tech}, Node.js, Redis and Docker.
I built the backend in {tech} and deployed it on AWS.
Experience: {tech}, ASP.NET, Vue.js and Socket.io.
Our team uses {tech} together with Next.js and Tailwind.`,
	"neg_dates_versions": `The release {ver} is scheduled for {date}.
I have {qty} years of experience in mobile apps.
Meeting moved to {date} at 10:30.
We shipped version {ver} on {date} with {qty} fixes.
Please update to {ver} before the demo.`,
	"neg_messenger_dev": `We need a {m} bot that sends order updates to customers.
Build a {m} integration for our support team.
Looking for a developer to automate our {m} channel posts.
I have built three {m} chatbots with Python.
The {m} API rate limits are causing our webhook to fail.`,
	"neg_email_dev": `Design five email templates for our newsletter in Mailchimp.
I will set up SPF, DKIM and DMARC for your domain.
Our Gmail integration stopped syncing after the update.
Clean up the email list and remove bounced addresses.
Write a welcome email sequence for new customers.`,
	"neg_meeting": `Can we meet at 9:30 tomorrow for the call on the platform?
I'm available at noon or at 4 pm your time.
Let's look at the draft at the next check-in.
I'll be at the office until six, then offline.
We can go over the dot points in the outline tomorrow.`,
	"neg_crypto_dev": `Build an ERC-20 token dashboard with wallet connect.
We need a smart contract audit for our staking app.
Looking for a Solidity developer for a bitcoin price tracker.
Integrate a crypto price API into our finance app.
Write an article about how USDT stablecoins work.`,
	"neg_files": `I attached report_final.pdf and the logo in SVG.
Please open index.html and main.css from the zip.
The dataset is in sales_2023.csv, about {qty} rows.
Upload the assets folder with logo.png and hero.jpg.
Check notes.docx for the list of changes.`,
	"neg_review_describe": `I have over {qty} five-star reviews on this platform.
My last client gave me 5 stars for a similar logo.
I have kept a 100% job success score for three years.
Reviews from past clients are on my profile.
The product reviews section needs a five-star rating widget.`,
	"neg_general": `Thank you, the colours look much better now.
I'll send the revised draft before the weekend.
Could you clarify what you mean by a modern look?
The second option fits the brand better in my opinion.
I fixed the typos in the third paragraph.
Happy to hop on a call here on the platform if that helps.
Let me know which of the three names you like most.`,
}
