Hi <#if hasProspect>${prospect.firstName}<#else>[name]</#if>,

I'd like to introduce you to ${owner.name} at ${firm.name}. ${owner.firstName}'s team worked with us at
${referrer.company} and made a real difference, and I think a short conversation would be worth your while.

${owner.firstName}, over to you. I'll let you two take it from here.

Best,
${referrer.name}
