Hallo ${referrer.firstName},

vielen Dank für die Zusammenarbeit mit ${referrer.company}. Viele Teams fragen uns, worauf es in den ersten neunzig
Tagen nach einem Projektstart ankommt. Wir haben es aufgeschrieben: eine Checkliste auf einer Seite mit den fünf
Punkten, die über den Erfolg entscheiden.

Sie gehört Ihnen, und Sie dürfen sie gern an alle weitergeben, die gerade vor einem Start stehen. <#if offer?? && offer.hasAttachment>Sie finden sie im
Anhang (${offer.attachmentName}).<#elseif offer?? && offer.hasUrl>Hier ist der Link:
${offer.url}<#else>Antworten Sie
einfach, dann schicke ich sie Ihnen.</#if>

Viele Grüße
${owner.name}

<#include "/_lib/footer.de.txt.ftl">
