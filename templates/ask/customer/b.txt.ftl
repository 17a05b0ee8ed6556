<#import "/_lib/intro.ftl" as intro>
Hi ${referrer.firstName},

One quick question: who do you know who should hear about what we did together at ${referrer.company}?
<#if hasProspect>
${prospect.name}<#if prospect.company?has_content> at ${prospect.company}</#if> came to mind for us. Would you introduce us?
<#else>
The best introductions are to someone who is planning a similar project in the next six months.
</#if>

One click opens the email, ready to send:

<@intro.link/>

<@intro.block/>

No worries if not. Thank you for working with us.

${owner.name}

<#include "/_lib/footer.txt.ftl">
