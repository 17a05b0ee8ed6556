<#-- Shared plain-text footer. -->
--
${firm.name} · ${firm.postalAddress}
You receive this because you work with ${owner.name}. Unsubscribe: ${unsubscribe.address}
