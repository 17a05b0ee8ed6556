<#-- Las primeras frases de value y ask, según el momento que originó el correo (trigger.type).
     kind: "value" (el primer correo) o "ask" (la petición, dos días después, que no repite la nota).
     why: la frase de la presentación que explica el porqué (la línea del comercial, intro_line, o si no el momento). -->
<#macro opening kind="value">
<#if kind == "ask">
<#if trigger.type == "nps_promoter">
Su respuesta a nuestra encuesta de satisfacción nos alegró mucho, y en parte por eso le escribo hoy.
<#elseif trigger.type == "go_live">
Espero que las primeras semanas en producción estén yendo bien.
<#elseif trigger.type == "praise">
Sus palabras sobre nuestro trabajo me han animado a escribirle hoy.
<#elseif trigger.type == "renewal">
Me alegra mucho empezar con ustedes un nuevo año de colaboración.
<#elseif trigger.type == "testimonial">
Su testimonio ha emocionado a todo el equipo.
<#elseif trigger.type == "cadence">
Espero que este trimestre esté yendo bien.
<#else>
Espero que todo vaya bien.
</#if>
<#else>
<#if trigger.type == "nps_promoter">
<#if trigger.hasNote>
Gracias por su respuesta a nuestra encuesta de satisfacción: «${trigger.note}». Todo el equipo la ha leído con mucha alegría.
<#else>
Gracias por la excelente nota que nos dio en nuestra encuesta de satisfacción; todo el equipo la ha leído con mucha alegría.
</#if>
<#elseif trigger.type == "go_live">
¡Enhorabuena por la puesta en producción! Usted y su equipo han hecho un trabajo excelente.
<#elseif trigger.type == "praise">
<#if trigger.hasNote>
Su mensaje me alegró el día: «${trigger.note}». Ya se lo he hecho llegar a todo el equipo.
<#else>
Muchas gracias por sus amables palabras sobre nuestro trabajo; ya se las he hecho llegar a todo el equipo.
</#if>
<#elseif trigger.type == "renewal">
Gracias por seguir confiando en nosotros: renovar es la mejor muestra de confianza que nos pueden dar.
<#elseif trigger.type == "testimonial">
<#if trigger.hasNote>
Gracias por su testimonio, y en especial por esta frase: «${trigger.note}». Estamos muy orgullosos.
<#else>
Gracias por dedicar su tiempo a contar su experiencia con nosotros; estamos muy orgullosos.
</#if>
<#elseif trigger.type == "cadence">
Llevamos ya otro trimestre trabajando juntos, y quería darle las gracias por su confianza.
<#else>
Quería darle las gracias por el trabajo que hemos hecho juntos.
</#if>
</#if>
</#macro>

<#macro why><#if (referrer.attributes.intro_line!"")?has_content>${referrer.attributes.intro_line} Creo que una breve conversación le podría resultar útil.<#elseif trigger.type == "go_live">Su equipo nos ha acompañado hasta la puesta en producción de nuestro proyecto, y creo que una breve conversación le podría resultar útil.<#elseif trigger.type == "renewal">Acabamos de renovar nuestra colaboración con su equipo, lo que ya dice mucho, y creo que una breve conversación le podría resultar útil.<#elseif trigger.type == "nps_promoter" || trigger.type == "praise" || trigger.type == "testimonial">Su equipo ha hecho un trabajo excelente con nosotros<#if referrer.company?has_content> en ${referrer.company}</#if>, y creo que una breve conversación le podría resultar útil.<#else>Trabajamos con su equipo desde hace tiempo y estamos muy satisfechos; creo que una breve conversación le podría resultar útil.</#if></#macro>
