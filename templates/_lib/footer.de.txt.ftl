<#-- Gemeinsame Fußzeile (Text). -->
--
${firm.name} · ${firm.postalAddress}
Sie erhalten diese E-Mail, weil Sie mit ${owner.name} zusammenarbeiten. Abmelden: ${unsubscribe.address}
