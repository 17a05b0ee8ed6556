<#import "/_lib/intro.ftl" as intro>
Hallo ${referrer.firstName},

eine kurze Erinnerung, falls meine letzte E-Mail untergegangen ist: Wenn Sie die Vorstellung<#if hasProspect> bei ${prospect.name}</#if>
noch machen möchten, hier ist der Link noch einmal.

<@intro.link/>

<@intro.block lang="de"/>

Wenn es gerade nicht passt, brauchen Sie nicht zu antworten. Ich frage dazu nicht noch einmal.

${owner.name}

<#include "/_lib/footer.de.txt.ftl">
