Hi ${referrer.firstName},

I wanted you to hear it from me: your introduction<#if hasProspect> to ${prospect.name}<#if prospect.company?has_content> at ${prospect.company}</#if></#if>
has turned into a project. None of it would have happened without you.

Thank you. If there is ever anything we can do for you or ${referrer.company}, just ask.

${owner.name}

<#include "/_lib/footer.txt.ftl">
