<#import "/_lib/intro.ftl" as intro>
Hallo ${referrer.firstName},

die meisten unserer besten Kunden kommen über Menschen wie Sie zu uns. Darf ich Sie deshalb um eine Vorstellung
bitten?
<#if hasProspect>
Ich würde ${prospect.name}<#if prospect.company?has_content> von ${prospect.company}</#if> sehr gern kennenlernen.
<#else>
Ideal ist jemand, der gerade ein Projekt wie Ihres plant oder mit einem Projekt unzufrieden ist.
</#if>

<#if forward.form == "optin">
Ein Klick öffnet eine kurze Nachricht, in der Sie fragen, ob eine Vorstellung willkommen ist. Sobald die Antwort ja
ist, kümmere ich mich um alles Weitere.
<#else>
Ein Klick öffnet eine fertige E-Mail<#if hasProspect> an ${prospect.name}</#if>, mit mir in Kopie. Ändern Sie gern,
was Sie möchten, bevor Sie sie senden.
</#if>

<@intro.link/>

<@intro.block lang="de"/>

Und wenn es gerade nicht passt, sagen Sie es einfach. Vielen Dank so oder so.

${owner.name}

<#include "/_lib/footer.de.txt.ftl">
