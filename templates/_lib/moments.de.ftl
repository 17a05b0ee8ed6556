<#-- Der Anlass in Worten: der erste Satz von value und ask (kind="value" oder "ask", damit beide nie gleich
     beginnen) und der Satz der Vorstellung, warum sich ein Gespräch lohnt (why). Direkt nach "Hallo ...," geht es
     klein weiter. Aus trigger.note wird nur zitiert, was in Anführungszeichen steht (NPS 10: "beste Einführung
     bisher"): das sind die Worte des Kunden; eine interne Notiz ("Verlängert um zwei Jahre") wird nie zitiert. -->
<#function quoted note>
<#list [["\"", "\""], ["„", "“"], ["“", "”"], ["»", "«"]] as marks>
<#if note?contains(marks[0]) && note?keep_after(marks[0])?contains(marks[1])>
<#return note?keep_after(marks[0])?keep_before(marks[1])?trim>
</#if>
</#list>
<#return "">
</#function>

<#macro opening kind="value">
<#local said = quoted(trigger.note)>
<#if kind == "ask">
<#switch trigger.type>
<#case "nps_promoter"><#if said?has_content>„${said}“ – über diesen Satz aus Ihrer Bewertung freuen wir uns noch immer.<#else>Über Ihre gute Bewertung in unserer Umfrage freuen wir uns noch immer.</#if><#break>
<#case "go_live">ich denke noch gern an unseren gemeinsamen Start zurück.<#break>
<#case "praise">Ihr Lob neulich hat uns sehr gefreut.<#break>
<#case "renewal">dass Sie die Zusammenarbeit mit uns verlängert haben, ist für uns die schönste Bestätigung.<#break>
<#case "testimonial">dass Sie sich öffentlich für uns aussprechen, bedeutet uns viel.<#break>
<#case "cadence">heute melde ich mich mit einer Frage.<#break>
<#default>ich hoffe, es geht Ihnen gut.<#break>
</#switch>
<#else>
<#switch trigger.type>
<#case "nps_promoter"><#if said?has_content>vielen Dank für Ihre Bewertung in unserer Umfrage und besonders für Ihre Worte: „${said}“. Darüber hat sich das ganze Team gefreut.<#else>vielen Dank für Ihre sehr gute Bewertung in unserer Umfrage – darüber hat sich das ganze Team gefreut.</#if><#break>
<#case "go_live">herzlichen Glückwunsch zum gelungenen Start! Es war eine Freude, das gemeinsam mit Ihnen umzusetzen.<#break>
<#case "praise"><#if said?has_content>vielen Dank für Ihr Lob – „${said}“ habe ich gleich an alle weitergegeben, die beteiligt waren.<#else>vielen Dank für Ihr Lob – ich habe es gleich an das Team weitergegeben.</#if><#break>
<#case "renewal">vielen Dank für Ihr Vertrauen und dafür, dass Sie unsere Zusammenarbeit verlängert haben.<#break>
<#case "testimonial"><#if said?has_content>vielen Dank für Ihre Worte über unsere Zusammenarbeit: „${said}“. Besser könnten wir es selbst nicht sagen.<#else>vielen Dank für Ihre Bereitschaft, über unsere Zusammenarbeit zu berichten.</#if><#break>
<#case "cadence">wir haben eine Weile nichts voneinander gehört – ich hoffe, bei Ihnen läuft alles gut.<#break>
<#default>vielen Dank für die gute Zusammenarbeit.<#break>
</#switch>
</#if>
</#macro>

<#-- In der Vorstellung, die der Kunde sendet: seine eigene Zeile aus clients.csv (Spalte intro_line), sonst ein Satz
     zum Anlass. -->
<#macro why>
<#local said = quoted(trigger.note)>
<#if (referrer.attributes.intro_line!"")?has_content>
${referrer.attributes.intro_line}<#t>
<#else>
<#switch trigger.type>
<#case "nps_promoter"><#if said?has_content>Über unsere Zusammenarbeit habe ich neulich gesagt: „${said}“ – und dabei bleibe ich.<#else>Wir arbeiten seit einiger Zeit mit ${owner.firstName} zusammen und sind rundum zufrieden.</#if><#break>
<#case "go_live">Wir haben mit ${owner.firstName} gerade ein Projekt erfolgreich gestartet, und ich bin mit dem Ergebnis sehr zufrieden.<#break>
<#case "renewal">Wir haben unsere Zusammenarbeit mit ${owner.firstName} gerade verlängert – das sagt wohl schon alles.<#break>
<#case "testimonial">Ich empfehle ${owner.firstName} aus Überzeugung: Die Zusammenarbeit hat uns viel gebracht.<#break>
<#default>Die Zusammenarbeit mit ${owner.firstName} und dem Team hat bei uns wirklich etwas bewegt.<#break>
</#switch>
</#if>
</#macro>
