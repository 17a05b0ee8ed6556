<#-- Les premières phrases de value et ask, selon le moment qui a déclenché l'e-mail (trigger.type).
     kind : "value" (le premier e-mail) ou "ask" (la demande, deux jours plus tard, qui ne répète pas la note).
     why : la phrase de la mise en relation qui dit pourquoi (la ligne du commercial, intro_line, sinon le moment). -->
<#macro opening kind="value">
<#if kind == "ask">
<#if trigger.type == "nps_promoter">
Votre réponse à notre enquête de satisfaction nous a fait très plaisir, et c'est un peu elle qui me pousse à vous écrire aujourd'hui.
<#elseif trigger.type == "go_live">
J'espère que les premières semaines en production se passent bien de votre côté.
<#elseif trigger.type == "praise">
Vos mots sur notre travail m'ont donné envie de vous écrire aujourd'hui.
<#elseif trigger.type == "renewal">
Je me réjouis de la nouvelle année de collaboration qui commence.
<#elseif trigger.type == "testimonial">
Votre témoignage a beaucoup touché toute l'équipe.
<#elseif trigger.type == "cadence">
J'espère que ce trimestre se passe bien de votre côté.
<#else>
J'espère que tout va bien de votre côté.
</#if>
<#else>
<#if trigger.type == "nps_promoter">
<#if trigger.hasNote>
Merci pour votre réponse à notre enquête de satisfaction : « ${trigger.note} ». Toute l'équipe l'a lue avec plaisir.
<#else>
Merci pour l'excellente note que vous nous avez donnée dans notre enquête de satisfaction ; toute l'équipe l'a lue avec plaisir.
</#if>
<#elseif trigger.type == "go_live">
Félicitations pour la mise en production : vous et votre équipe avez fait un travail remarquable.
<#elseif trigger.type == "praise">
<#if trigger.hasNote>
Votre message m'a fait très plaisir : « ${trigger.note} ». Je l'ai transmis à toute l'équipe.
<#else>
Merci pour vos mots aimables sur notre travail ; je les ai transmis à toute l'équipe.
</#if>
<#elseif trigger.type == "renewal">
Merci d'avoir choisi de poursuivre notre collaboration : c'est la plus belle marque de confiance que vous puissiez nous donner.
<#elseif trigger.type == "testimonial">
<#if trigger.hasNote>
Merci pour votre témoignage, et tout particulièrement pour cette phrase : « ${trigger.note} ». Nous en sommes très fiers.
<#else>
Merci d'avoir pris le temps de témoigner de notre travail ensemble ; nous en sommes très fiers.
</#if>
<#elseif trigger.type == "cadence">
Voilà un trimestre de plus que nous travaillons ensemble, et je tenais à vous remercier pour votre confiance.
<#else>
Je tenais à vous remercier pour le travail que nous avons mené ensemble.
</#if>
</#if>
</#macro>

<#macro why><#if (referrer.attributes.intro_line!"")?has_content>${referrer.attributes.intro_line} Je pense qu'un court échange pourrait vous être utile.<#elseif trigger.type == "go_live">Son équipe nous a accompagnés jusqu'à la mise en production de notre projet, et je pense qu'un court échange pourrait vous être utile.<#elseif trigger.type == "renewal">Nous venons de renouveler notre collaboration avec son équipe, ce qui en dit long, et je pense qu'un court échange pourrait vous être utile.<#elseif trigger.type == "nps_promoter" || trigger.type == "praise" || trigger.type == "testimonial">Son équipe a vraiment fait la différence <#if referrer.company?has_content>chez ${referrer.company}<#else>chez nous</#if>, et je pense qu'un court échange pourrait vous être utile.<#else>Nous travaillons avec son équipe depuis un moment et en sommes très satisfaits ; je pense qu'un court échange pourrait vous être utile.</#if></#macro>
