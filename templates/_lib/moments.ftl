<#-- The first sentence(s) of the value email and the ask, for the moment the introduction came from.
     kind: "value" (the first email: thanks for the moment) or "ask" (two days later: a short way in to the question).
     The client's own words are used only when the trigger's note has them in quotation marks, such as
     NPS 10: "best rollout we ever had"; a note like "Renewed for two years" is the rep's and is never quoted. -->
<#function words>
<#if trigger.note?contains("\"")>
<#return trigger.note?keep_after("\"")?keep_before("\"")?trim>
<#elseif trigger.note?contains("“")>
<#return trigger.note?keep_after("“")?keep_before("”")?trim>
</#if>
<#return "">
</#function>

<#macro opening kind="value">
<#local said = words()>
<#if trigger.type == "nps_promoter">
<#if kind == "value">Thank you for answering our survey<#if said?has_content>, and for “${said}”. I read it out to the team<#else>. I passed your score on to the team</#if>, and it made their week.<#else>You told us in the survey that you would recommend us, which is why I am writing.</#if>
<#elseif trigger.type == "go_live">
<#if kind == "value">Congratulations on going live at ${referrer.company}. Getting there with you was a pleasure.<#else>It has been a few weeks since ${referrer.company} went live, and I still think of how well it went.</#if>
<#elseif trigger.type == "praise">
<#if kind == "value">Thank you for your kind words<#if said?has_content>: “${said}”</#if>. I shared them with the team, and they meant a lot.<#else>What you said about our work<#if said?has_content> (“${said}”)</#if> has stayed with me.</#if>
<#elseif trigger.type == "renewal">
<#if kind == "value">Thank you for renewing with us. We do not take another year together for granted.<#else>A renewal is the best compliment a client can pay us, so thank you once more.</#if>
<#elseif trigger.type == "testimonial">
<#if kind == "value">Thank you for letting us share your experience<#if said?has_content>: “${said}”</#if>. It means more coming from you than anything we could write ourselves.<#else>Your testimonial is already helping others decide, which gave me the idea for this note.</#if>
<#elseif trigger.type == "cadence">
<#if kind == "value">It has been a few months since we last spoke, and I thought of you when we put this together.<#else>A few months have passed since we last spoke, and I have a question for you.</#if>
<#else>
<#if kind == "value">Thank you for the work we did together with ${referrer.company}.<#else>Working with you at ${referrer.company} was a pleasure, so I will ask you directly.</#if>
</#if>
</#macro>
