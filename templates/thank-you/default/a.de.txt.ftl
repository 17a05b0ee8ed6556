Hallo ${referrer.firstName},

vielen Dank für die Vorstellung<#if hasProspect> bei ${prospect.name}</#if>. Es bedeutet uns viel, dass Sie Ihren
Namen neben unseren setzen. Ich gehe sorgfältig damit um und halte Sie auf dem Laufenden, was auch immer daraus wird.

Herzlichen Dank
${owner.name}

<#include "/_lib/footer.de.txt.ftl">
