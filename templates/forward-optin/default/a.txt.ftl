Hi <#if hasProspect>${prospect.firstName}<#else>[name]</#if>,

We have been working with ${owner.name} at ${firm.name}, and they made a real difference for us at
${referrer.company}. I think a short conversation could be worth your while.

Would you welcome an introduction? Just reply to this email, keeping everyone in copy, and I will connect you.
No is a perfectly good answer too.

Best,
${referrer.name}
