Hallo <#if hasProspect>${prospect.firstName}<#else>[Name]</#if>,

wir arbeiten mit ${owner.name} von ${firm.name} zusammen, und das hat bei ${referrer.company} wirklich etwas bewegt.
Ich glaube, ein kurzes Gespräch könnte sich für Sie lohnen.

Wäre Ihnen eine Vorstellung willkommen? Antworten Sie einfach auf diese E-Mail (alle in Kopie lassen), dann bringe ich
Sie zusammen. Nein ist natürlich auch eine gute Antwort.

Viele Grüße
${referrer.name}
