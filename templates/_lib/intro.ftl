<#-- The prefilled intro, as Markdown for both parts. lang: en or de.
     button: the one-click link; the HTML part shows it as a button, the text part leaves its paragraph out.
     forwardable: the intro itself, with its addresses and subject, to send by hand; a bordered box in HTML. -->
<#macro button label>
[${label}](${forward.mailto})
</#macro>

<#macro forwardable lang="en">
<#if lang == "de">
Sie können den folgenden Text auch kopieren und selbst senden (an: <#if hasProspect>${forward.to}<#else>die Person, an die Sie denken</#if>, in Kopie: ${forward.cc}):
<#else>
If you prefer, send the text below yourself (to: <#if hasProspect>${forward.to}<#else>the person you have in mind</#if>, cc: ${forward.cc}):
</#if>

> **<#if lang == "de">Betreff<#else>Subject</#if>: ${forward.subject}**
<#list forward.paragraphs as paragraph>
>
<#list paragraph as line>
> ${line}<#sep>\</#sep>
</#list>
</#list>
</#macro>
