Hi ${referrer.firstName},

Our partnership with ${referrer.company} matters to us, so here is something for your clients: a free
two-hour readiness review, run by our team, that you can offer under your own name.<#if offer?? && offer.hasUrl> How it works: ${offer.url}<#elseif offer?? && offer.hasAttachment> How it works is attached (${offer.attachmentName}).</#if>

If one of your clients could use it, reply with their name and we will take it from there, crediting
${referrer.company} throughout.

Best,
${owner.name}

<#include "/_lib/footer.txt.ftl">
