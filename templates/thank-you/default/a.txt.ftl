Hi ${referrer.firstName},

Thank you for the introduction<#if hasProspect> to ${prospect.name}</#if>. It means a lot that you would put your
name next to ours. I will take good care of it and keep you posted, whatever comes of it.

With thanks,
${owner.name}

<#include "/_lib/footer.txt.ftl">
