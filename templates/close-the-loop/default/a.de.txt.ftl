Hallo ${referrer.firstName},

Sie sollen es von mir hören: Aus Ihrer Vorstellung<#if hasProspect> bei ${prospect.name}</#if> ist ein Projekt
geworden. Ohne Sie wäre das nicht passiert.

Vielen Dank. Wenn wir einmal etwas für Sie oder ${referrer.company} tun können, sagen Sie es einfach.

${owner.name}

<#include "/_lib/footer.de.txt.ftl">
