Hallo <#if hasProspect>${prospect.firstName}<#else>[Name]</#if>,

ich möchte Ihnen ${owner.name} von ${firm.name} vorstellen. Das Team hat mit uns bei ${referrer.company}
zusammengearbeitet und wirklich etwas bewegt; ich glaube, ein kurzes Gespräch lohnt sich für Sie.

${owner.firstName}, ab hier übernehmen Sie.

Viele Grüße
${referrer.name}
