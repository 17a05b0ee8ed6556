<#-- The prefilled intro, as Markdown for both parts. lang: en, de, fr or es.
     button: the one-click link; the HTML part shows it as a button, the text part leaves its paragraph out. With
       a public base URL it opens the referrer's introduction page (forward.pageUrl), which also works in Gmail and
       Outlook on the web; without one, the mailto: link. The link titles are marks for Introflow, never shown.
     forwardable: the intro itself, with its addresses and subject, to send by hand; a bordered box in HTML. With an
       introduction page, the text part first has a line with its address (the HTML part has the button). -->
<#macro button label>
<#if forward.pageUrl?has_content>
[${label}](${forward.pageUrl} "introflow:page-button")
<#else>
[${label}](${forward.mailto})
</#if>
</#macro>

<#macro forwardable lang="en">
<#if forward.pageUrl?has_content>
<#if lang == "de">Sie nutzen Gmail oder Outlook im Browser? Die Vorstellung liegt hier für Sie bereit:<#elseif lang == "fr">Vous utilisez Gmail ou Outlook dans votre navigateur ? La mise en relation est prête ici :<#elseif lang == "es">¿Usa Gmail u Outlook en el navegador? La presentación está lista aquí:<#else>Using Gmail or Outlook in your browser? The introduction is ready for you here:</#if> [${forward.pageUrl}](${forward.pageUrl} "introflow:text-only")

</#if>
<#if lang == "de">
Sie können den folgenden Text auch kopieren und selbst senden (an: <#if hasProspect>${forward.to}<#else>die Person, an die Sie denken</#if>, in Kopie: ${forward.cc}):
<#else>
<#if lang == "fr">
Vous pouvez aussi envoyer vous-même le texte ci-dessous (à : <#if hasProspect>${forward.to}<#else>la personne à laquelle vous pensez</#if> ; copie : ${forward.cc}) :
<#elseif lang == "es">
Si lo prefiere, puede enviar el texto siguiente por su cuenta (para: <#if hasProspect>${forward.to}<#else>la persona en la que esté pensando</#if>; copia: ${forward.cc}):
<#else>
If you prefer, send the text below yourself (to: <#if hasProspect>${forward.to}<#else>the person you have in mind</#if>, cc: ${forward.cc}):
</#if>
</#if>

> **<#if lang == "de">Betreff:<#elseif lang == "fr">Objet :<#elseif lang == "es">Asunto:<#else>Subject:</#if> ${forward.subject}**
<#list forward.paragraphs as paragraph>
>
<#list paragraph as line>
> ${line}<#sep>\</#sep>
</#list>
</#list>
</#macro>
