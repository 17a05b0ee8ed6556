<#import "/_lib/intro.ftl" as intro>
Hi ${referrer.firstName},

Thank you for being such a good partner. The best projects we do together start with an introduction, so may I ask
for one?
<#if hasProspect>
I would love to meet ${prospect.name}<#if prospect.company?has_content> at ${prospect.company}</#if>.
<#else>
A great introduction is one of your clients who needs what we do next to what you do.
</#if>

<#if forward.form == "optin">
One click opens a short note asking<#if hasProspect> ${prospect.firstName}</#if> whether an introduction would be
welcome, so nobody gets a surprise in their inbox.
<#else>
One click opens a ready-made email<#if hasProspect> to ${prospect.name}</#if>, with me in copy. Change anything you
like before you send it.
</#if>

<@intro.link/>

<@intro.block/>

And if now is not a good time, just say so. Thank you either way.

${owner.name}

<#include "/_lib/footer.txt.ftl">
