Hi ${referrer.firstName},

Thank you for the work we did together with ${referrer.company}. Teams often ask us what to do in the first
ninety days after a project goes live, so we wrote it down: a one-page checklist with the five things that decide
whether the results last.

It is yours to keep, and to pass on to anyone at ${referrer.company} or elsewhere who is about to go live.
<#if offer?? && offer.hasAttachment>I have attached it (${offer.attachmentName}); ask me anything about it.<#elseif offer?? && offer.hasUrl>${offer.title}: ${offer.url}
Ask me anything about it.<#else>Just reply and I will send it over, or ask me anything about it.</#if>

Best,
${owner.name}

<#include "/_lib/footer.txt.ftl">
