package corpus

// Spanish sentence bank (same slots as bankEN).
var bankES = bank{
	"filler": `Gracias por responder tan rápido.
Leí la descripción del proyecto con calma.
Puedo empezar el lunes si te viene bien.
El primer borrador estará listo en cuatro días.
Avísame si algo del plan no te convence.
Ya hice trabajos parecidos para dos agencias.
Un saludo y buen fin de semana.
Quedo atento a tus comentarios.`,
	"email": `Puedes escribirme a {v} cuando quieras.
Mi correo es {v}, mándame ahí los archivos.
Contacto directo: {v}
Escríbeme a {v} y te paso presupuesto hoy.
Si el chat va lento, mi correo es {v}.
Para los detalles del contrato usa {v}.`,
	"email_provider": `Mi {p} es {u}, escríbeme ahí.
Búscame en {p} como {u}.
Soy {u} en {p}, mándame el brief.
Agrega a {u} en tu {p} y lo vemos.`,
	"email_split": `Mi correo empieza con {a}. Lo que sigue es {b}, ya sabes.
La primera parte de mi correo es {a}. Después de la arroba va {b}.`,
	"phone": `Llámame al {v} por la tarde.
Mi número es {v}.
Mándame un mensaje al {v} y lo hablamos.
Mi celular es {v}, es más rápido que este chat.
Puedes marcar al {v} cuando tengas tiempo.
Teléfono: {v}, pregunta por mí.`,
	"phone_split": `Mi número empieza con {a}. Los últimos dígitos son {b}.
Apunta: {a}. Y luego {b}, ese es mi móvil.`,
	"url": `Mira mi trabajo en {v}
Mi portafolio está en {v}, ahí está todo.
Más ejemplos en {v}
Tengo mis tarifas publicadas en {v}.
Entra en {v} y reserva una cita directamente.`,
	"handle": `Agrégame en {v} y hablamos por ahí.
Estoy en {v}, mándame un mensaje.
Mi contacto es {v}, es más fácil que esta app.
Escríbeme a {v} y te contesto en minutos.
{v}`,
	"handle_move": `Sigamos la conversación por {m}, me resulta más cómodo.
¿Podemos hablar por {m}? Casi no entro a esta página.
Mejor pasemos a {m} para los detalles.
¿Usas {m}? Hablemos por ahí.`,
	"handle_verb": `Mándame un {m} cuando estés listo.
Escríbeme por {m} y te paso todo.`,
	"handle_nomessenger": `Mi usuario en todas partes es {v}, búscame.
Busca {v} en la app del avión de papel.
Soy {v} en todas las apps de siempre.`,
	"handle_euphemism": `Hablemos por la app verde, ya sabes cuál.
Búscame en la app azul del avioncito, mismo nombre.
Escríbeme en la app del fantasmita.`,
	"pay_method": `Puedes enviarme el dinero por {m}.
Prefiero {m}, es más rápido para los dos.
Págame por {m} y empiezo hoy mismo.
¿Puedes pagar con {m}? Es más fácil.
Solo acepto {m} para trabajos pequeños.`,
	"pay_direct": `¿Me puedes pagar directamente en lugar del hito?
Mejor mándame el pago directo a mí.
Arreglemos el pago entre nosotros dos.
Págame directo y te hago mejor precio.`,
	"pay_fee": `Si lo hacemos por fuera, nos ahorramos la comisión.
Saltemos la comisión de la plataforma y te bajo la tarifa.
¿Para qué pagarles un porcentaje? Págame directo.
Podemos evitar la comisión si me transfieres tú.`,
	"pay_outside": `Hagamos el pago fuera de la plataforma.
Cerremos el trato fuera de esta página.
Prefiero que no me paguen por este sitio.
Sigamos fuera de la plataforma, es más simple.`,
	"pay_bank": `Estos son mis datos bancarios: IBAN {v}
Transfiere el anticipo a mi cuenta {v}.
Mi número de cuenta es {v}, envíalo ahí.`,
	"pay_crypto": `Envía USDT a mi billetera {v}
Acepto cripto, dirección: {v}
Págame en bitcoin, esta es la dirección {v}`,
	"pay_euphemism": `El tema del dinero lo dejamos por fuera de los libros.
Lo del pago lo arreglamos como amigos, sin intermediarios.
Dejemos a la plataforma fuera del tema del dinero.`,
	"pay_cash": `Paso por tu oficina y me pagas en efectivo.
Efectivo en mano es lo mejor, nos vemos.
Nos vemos en persona y me pagas ahí.`,
	"pay_giftcard": `Puedes pagarme con tarjetas regalo de Amazon.
Mándame los códigos de tarjetas de regalo por el monto.`,
	"pay_paraphrase": `Cuando entregue, me pasas la plata tú mismo.
No hace falta contrato, mándame lo acordado a mi cuenta.
Te doy mis datos para que el dinero me llegue directo.
Olvida el depósito en garantía, confío en ti, envíamelo.`,
	"review_five": `¿Me dejas una reseña de cinco estrellas al terminar?
Por favor dame 5 estrellas, me ayuda mucho.
Te agradecería una calificación de 5 estrellas.
Una reseña de cinco estrellas significaría mucho para mí.`,
	"review_symbols": `Por favor déjame {v} al cerrar el trabajo.
Solo {v} por favor, mi ranking depende de eso.
¿Me das {v}? ¡Gracias!`,
	"review_numeric": `Califícame con {v} al final, por favor.
¿Me puedes dar un {v} en la valoración?
Necesito un {v}, por favor.`,
	"review_exchange": `Te hago un descuento si dejas una reseña positiva.
Déjame una gran reseña y la próxima revisión es gratis.
Si me calificas con lo máximo, te regalo un logo extra.`,
	"review_refund": `Te devuelvo parte del precio cuando pongas la nota máxima.
Dame la mejor puntuación y te devuelvo 20 dólares.`,
	"review_mutual": `Te califico con cinco estrellas si tú haces lo mismo.
Dejémonos reseñas perfectas los dos.`,
	"review_paraphrase": `Por favor di solo cosas buenas de mí en la valoración.
Escribe algo muy bonito sobre mí cuando termine el trabajo.
Elogia mi trabajo en la reseña, por favor.`,
	"review_euphemism": `Ayuda a que mi perfil brille cuando cierres el contrato.
Dale un empujoncito a mi puntuación al final.
Sé generoso con las estrellitas, tú me entiendes.`,
	"review_split": `Al cerrar el contrato verás un formulario. Elige la opción más alta.
Al final aparece una encuesta. Marca todo a la derecha por mí.`,
	"review_pressure": `Con menos de cinco estrellas me suspenden, por favor.
Pierdo mi insignia si no me das la nota máxima.`,
	"neg_payment_integration": `Buscamos desarrollador para integrar {m} en nuestra tienda Shopify.
Hay que añadir pagos con {m} y Stripe a una app de reservas.
Tengo experiencia integrando la API de {m} y webhooks.
Necesitamos reportes que concilien los pagos de {m} con los pedidos.`,
	"neg_prices": `Mi tarifa es de {price} por hora, unas {qty} horas.
El precio fijo del proyecto sería {price}.
Presupuesto: {price}, pagado por hitos aquí.
Entrega en {qty} días por un total de {price}.`,
	"neg_invoice": `La factura {n} del segundo hito ya está en la plataforma.
Aprueba el hito 3 ({price}) cuando revises los archivos.
Recibí tu último pago de {price}, gracias.`,
	"neg_code": `El error está en {file}, línea {qty}.
Ejecuta npm install y luego npm run build.
La versión {ver} de la librería arregla la fuga de memoria.`,
	"neg_address": `Nuestra oficina está en Calle Mayor {n}, {city}.
El estudio se mudó a Avenida de la Paz {n}, {city}.
Estamos en {city}, cerca de la estación central.`,
	"neg_through_platform": `Por favor paga a través de la plataforma, así estamos protegidos.
Solo trabajo con el contrato de aquí, nunca por fuera.
No puedo compartir mi correo ni mi teléfono, las reglas no lo permiten.`,
	"neg_honest_review": `Si te gusta el trabajo, una reseña honesta me ayudaría.
Deja la valoración que te parezca justa.
Cualquier comentario es bienvenido, bueno o malo.`,
	"neg_tech_names": `Trabajo con {tech}, React y PostgreSQL.
Construí el backend con {tech} y lo desplegué en AWS.
Mi stack: {tech}, Node.js y Docker.`,
	"neg_dates_versions": `La versión {ver} sale el {date}.
Tengo {qty} años de experiencia en apps móviles.
La reunión pasó al {date} a las 10:30.`,
	"neg_messenger_dev": `Necesitamos un bot de {m} que avise a los clientes.
He creado tres chatbots de {m} con Python.`,
	"neg_email_dev": `Diseña cinco plantillas de correo para el boletín.
Configuro SPF, DKIM y DMARC para tu dominio.`,
	"neg_meeting": `¿Nos vemos a las 9:30 en la llamada de la plataforma?
Estoy disponible al mediodía o a las 4 de la tarde.`,
	"neg_crypto_dev": `Busco desarrollador Solidity para un contrato de staking.
Escribe un artículo sobre cómo funcionan las stablecoins USDT.`,
	"neg_files": `Adjunto informe_final.pdf y el logo en SVG.
Los datos están en ventas_2023.csv, unas {qty} filas.`,
	"neg_review_describe": `Tengo más de {qty} reseñas de cinco estrellas aquí.
Mi último cliente me dio 5 estrellas por un logo parecido.`,
	"neg_general": `Gracias, los colores se ven mucho mejor ahora.
Te mando el borrador corregido antes del fin de semana.
¿Qué quieres decir con un estilo moderno?`,
}
