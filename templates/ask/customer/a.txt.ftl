<#import "/_lib/intro.ftl" as intro>
Hi ${referrer.firstName},

<#if offer?? && offer.delivered>I hope ${offer.title?uncap_first} was useful. </#if>Most of our best clients come to us through people like you, so may I ask for an
introduction?
<#if hasProspect>
I would love to meet ${prospect.name}<#if prospect.company?has_content> at ${prospect.company}</#if>.
<#else>
A great introduction is someone who is about to start a project like yours, or who has just had a bad one.
</#if>

<#if forward.form == "optin">
Making it takes one click: this link opens a short note asking<#if hasProspect> ${prospect.firstName}</#if> whether
an introduction would be welcome. Once they say yes, I will take it from there.
<#else>
Making it takes one click: this link opens a ready-made email<#if hasProspect> to ${prospect.name}</#if>, with me
in copy. Change anything you like before you send it.
</#if>

<@intro.link/>

<@intro.block/>

And if now is not a good time, just say so. Thank you either way.

${owner.name}

<#include "/_lib/footer.txt.ftl">
