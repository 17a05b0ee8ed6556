Hi ${referrer.firstName},

Here is how our partnership went in ${summary.month}.

Introductions you made for us: ${summary.madeCount}
<#list summary.made as i>
  - ${i.date}: ${i.name}<#if i.company?has_content> (${i.company})</#if>
</#list>
Introductions we made for you: ${summary.receivedCount}
<#list summary.received as i>
  - ${i.date}: <#if i.name?has_content>${i.name} at </#if>${i.company}
</#list>

So far this year: you made ${summary.madeThisYear}, we made ${summary.receivedThisYear}.
<#if summary.receivedCount == 0 && summary.madeCount gt 0>
Thank you for every one of them. If there is a company you would like to meet, tell me and I will see who I know.
<#else>
Thank you for working with us. If there is a company you would like to meet, tell me and I will see who I know.
</#if>

Best regards,
${owner.name}

<#include "/_lib/footer.txt.ftl">
