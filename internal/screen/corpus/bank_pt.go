package corpus

// Portuguese sentence bank (same slots as bankEN).
var bankPT = bank{
	"filler": `Obrigado pela resposta rápida.
Li a descrição do projeto com atenção.
Posso começar na segunda-feira, se for bom para você.
O primeiro rascunho fica pronto em quatro dias.
Já fiz trabalhos parecidos para duas agências.
Fico no aguardo do seu retorno.
Abraço e bom fim de semana.`,
	"email": `Pode me escrever em {v} quando quiser.
Meu e-mail é {v}, manda os arquivos lá.
Contato direto: {v}
Me manda a especificação em {v} que eu faço o orçamento hoje.
Se o chat estiver lento, meu e-mail é {v}.`,
	"email_provider": `Meu {p} é {u}, me escreve lá.
Me procura no {p} como {u}.
Sou {u} no {p}, manda o briefing.`,
	"email_split": `Meu e-mail começa com {a}. O resto é {b}, você sabe.
A primeira parte do meu e-mail é {a}. Depois da arroba vem {b}.`,
	"phone": `Me liga no {v} à tarde.
Meu número é {v}.
Manda mensagem no {v} e a gente conversa.
Meu celular é {v}, mais rápido que este chat.
Telefone: {v}, pode chamar.`,
	"phone_split": `Meu número começa com {a}. Os últimos dígitos são {b}.
Anota aí: {a}. E depois {b}, é meu celular.`,
	"url": `Veja meu trabalho em {v}
Meu portfólio está em {v}, tem tudo lá.
Mais exemplos: {v}
Entra em {v} e agenda direto comigo.`,
	"handle": `Me adiciona no {v} e falamos por lá.
Estou no {v}, me manda mensagem.
Meu contato é {v}, mais fácil que este app.
{v}`,
	"handle_move": `Vamos continuar a conversa pelo {m}, é mais fácil pra mim.
Podemos falar pelo {m}? Quase não entro neste site.
Melhor passar para o {m} para os detalhes.`,
	"handle_verb": `Me chama no {m} quando puder.
Me manda um {m} que eu te passo tudo.`,
	"handle_nomessenger": `Meu usuário em todo lugar é {v}, me procura.
Procura {v} no app do aviãozinho de papel.`,
	"handle_euphemism": `Vamos falar pelo app verde, você sabe qual.
Me acha no app azul do aviãozinho, mesmo nome daqui.
Me chama no zap, é mais rápido.`,
	"pay_method": `Pode mandar o dinheiro pelo {m}.
Prefiro {m}, é mais rápido para nós dois.
Me paga via {m} que eu começo hoje.
Só aceito {m} para trabalhos pequenos.`,
	"pay_direct": `Pode me pagar direto em vez de usar o marco?
Melhor mandar o pagamento direto para mim.
Vamos acertar o pagamento entre nós dois.`,
	"pay_fee": `Se fizermos por fora, economizamos a taxa.
Vamos pular a taxa da plataforma e eu baixo meu preço.
Podemos evitar a comissão se você transferir direto.`,
	"pay_outside": `Vamos fazer o pagamento fora da plataforma.
Vamos fechar o negócio fora deste site.
Prefiro não receber por este site.`,
	"pay_bank": `Meus dados bancários para a transferência: {v}
Faz um PIX para a chave {v}.
Transfere o sinal para minha conta {v}.`,
	"pay_crypto": `Manda USDT para minha carteira {v}
Aceito cripto, endereço: {v}`,
	"pay_euphemism": `A parte do dinheiro a gente resolve por fora.
O pagamento a gente acerta entre amigos, sem intermediário.
Deixa a plataforma fora da parte financeira.`,
	"pay_cash": `Passo aí e você me paga em dinheiro vivo.
Nos encontramos pessoalmente e você paga na hora.`,
	"pay_giftcard": `Pode pagar com cartões-presente da Amazon.
Manda os códigos dos vale-presentes no valor combinado.`,
	"pay_paraphrase": `Quando eu entregar, você mesmo me passa o dinheiro.
Não precisa de contrato, manda o combinado para minha conta.
Esquece a garantia, confio em você, manda direto.`,
	"review_five": `Você pode me deixar uma avaliação cinco estrelas no final?
Por favor me dá 5 estrelas, ajuda muito.
Uma avaliação de cinco estrelas seria ótima para mim.`,
	"review_symbols": `Por favor me deixa {v} quando fechar o trabalho.
Só {v}, por favor, meu ranking depende disso.`,
	"review_numeric": `Me avalia com {v} no final, por favor.
Pode me dar um {v} na avaliação?`,
	"review_exchange": `Te dou um desconto se deixar uma avaliação positiva.
Deixa uma ótima avaliação e a próxima revisão é grátis.`,
	"review_refund": `Devolvo parte do valor quando você der a nota máxima.
Me dá a melhor nota e eu devolvo 20 reais.`,
	"review_mutual": `Te dou cinco estrelas se você fizer o mesmo.
Vamos deixar avaliações perfeitas um para o outro.`,
	"review_paraphrase": `Por favor fala só coisas boas de mim na avaliação.
Escreve algo bem bonito sobre mim quando terminar.`,
	"review_euphemism": `Ajuda meu perfil a brilhar quando fechar o contrato.
Dá uma forcinha na minha nota no final.`,
	"review_split": `Ao fechar o contrato aparece um formulário. Escolhe a opção mais alta.
No final tem uma pesquisa rápida. Marca tudo no máximo para mim.`,
	"review_pressure": `Com menos de cinco estrelas minha conta é suspensa, por favor.
Perco meu selo se não tiver nota máxima.`,
	"neg_payment_integration": `Procuramos desenvolvedor para integrar {m} na nossa loja Shopify.
Preciso adicionar pagamentos com {m} e PIX num app de agendamento.
Tenho experiência com a API do {m} e webhooks.`,
	"neg_prices": `Meu valor é {price} por hora, cerca de {qty} horas.
O preço fechado do projeto seria {price}.
Orçamento: {price}, pago por marcos aqui.`,
	"neg_invoice": `A fatura {n} do segundo marco já está na plataforma.
Aprova o marco 3 ({price}) quando revisar os arquivos.`,
	"neg_code": `O erro está em {file}, linha {qty}.
A versão {ver} da biblioteca corrigiu o vazamento de memória.`,
	"neg_address": `Nosso escritório fica na Rua Augusta, {n}, {city}.
Estamos em {city}, perto da estação central.`,
	"neg_through_platform": `Por favor pague pela plataforma, assim ficamos protegidos.
Só trabalho pelo contrato daqui, nunca por fora.
Não posso passar meu e-mail nem telefone, as regras não permitem.`,
	"neg_honest_review": `Se gostar do trabalho, uma avaliação sincera me ajudaria.
Deixe a avaliação que achar justa.`,
	"neg_tech_names": `Trabalho com {tech}, React e PostgreSQL.
Fiz o backend em {tech} e publiquei na AWS.`,
	"neg_dates_versions": `A versão {ver} sai em {date}.
Tenho {qty} anos de experiência com apps.`,
	"neg_messenger_dev": `Precisamos de um bot de {m} para avisar os clientes.
Já criei três chatbots de {m} em Python.`,
	"neg_email_dev": `Crie cinco modelos de e-mail para a newsletter.
Configuro SPF, DKIM e DMARC no seu domínio.`,
	"neg_meeting": `Podemos fazer a chamada às 9:30 pela plataforma?
Estou livre ao meio-dia ou às 16h.`,
	"neg_crypto_dev": `Procuro desenvolvedor Solidity para um contrato de staking.
Escreva um artigo sobre como funcionam as stablecoins.`,
	"neg_files": `Anexei relatorio_final.pdf e o logo em SVG.
Os dados estão em vendas_2023.csv.`,
	"neg_review_describe": `Tenho mais de {qty} avaliações cinco estrelas aqui.
Meu último cliente me deu 5 estrelas por um logo parecido.`,
	"neg_general": `Obrigado, as cores ficaram bem melhores.
Mando o rascunho revisado antes do fim de semana.`,
}
