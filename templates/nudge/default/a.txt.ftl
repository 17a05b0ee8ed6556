<#import "/_lib/intro.ftl" as intro>
Hi ${referrer.firstName},

A gentle follow-up, in case my last email got buried: if you are still happy to make the introduction<#if hasProspect> to ${prospect.name}</#if>,
here is the one-click link again.

<@intro.link/>

<@intro.block/>

If the timing is wrong, no need to reply. I will not ask again about this one.

${owner.name}

<#include "/_lib/footer.txt.ftl">
