Hi ${referrer.firstName},

Our partnership with ${referrer.company} matters to us, so here is something for your clients: a free
two-hour readiness review, run by our team, that you can offer under your own name.

If one of your clients could use it, reply with their name and we will take it from there, crediting
${referrer.company} throughout.

Best,
${owner.name}

<#include "/_lib/footer.txt.ftl">
