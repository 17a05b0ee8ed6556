Hi ${referrer.firstName},

Thank you for being such a good partner. The best projects we do together start with an introduction, so may I ask
for an introduction?
<#if hasProspect>
I would love to meet ${prospect.name}<#if prospect.company?has_content> at ${prospect.company}</#if>.
<#else>
A great introduction is one of your clients who needs what we do next to what you do.
</#if>

Making it takes one click: this link opens a ready-made email<#if hasProspect> to ${prospect.name}</#if>, with me
in copy. Change anything you like before you send it.

${forward.mailto}

If your mail program ignores the link, forward the text below instead (to: <#if hasProspect>${forward.to}<#else>the person you have in mind</#if>, cc: ${forward.cc}):

----- introduction -----
Subject: ${forward.subject}

${forward.body}
------------------------

And if now is not a good time, just say so. Thank you either way.

${owner.name}

<#include "/_lib/footer.txt.ftl">
