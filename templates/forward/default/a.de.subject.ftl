Vorstellung: <#if hasProspect>${prospect.name}<#if prospect.company?has_content> (${prospect.company})</#if> trifft </#if>${owner.name} (${firm.name})
