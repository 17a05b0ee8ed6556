<#-- The prefilled intro in plain text: the one-click link and the forwardable block. lang: en or de. -->
<#macro link>
${forward.mailto}
</#macro>

<#macro block lang="en">
<#if lang == "de">
Falls Ihr E-Mail-Programm den Link nicht öffnet, leiten Sie einfach diesen Text weiter (an: <#if hasProspect>${forward.to}<#else>die Person, an die Sie denken</#if>, Kopie: ${forward.cc}):
<#else>
If your mail program ignores the link, forward the text below instead (to: <#if hasProspect>${forward.to}<#else>the person you have in mind</#if>, cc: ${forward.cc}):
</#if>

----- <#if lang == "de">Vorstellung<#else>introduction</#if> -----
<#if lang == "de">Betreff<#else>Subject</#if>: ${forward.subject}

${forward.body}
------------------------
</#macro>
