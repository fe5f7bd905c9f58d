// Curated fictional companies, each with its own reserved domain (RFC 2606 / RFC 6761: the
// .example and .test top-level domains never resolve), and the reserved domains of personal e-mail
// addresses. Data, not logic: core/generate/coherence.ts picks from them.

/** "Company name|domain": the name takes a legal suffix at generation, the domain stays as it is. */
export const COMPANIES: readonly string[] = [
  "Northwind Supply|northwind-supply.example",
  "Northwind Traders|northwindtraders.example",
  "Bluefin Analytics|bluefin-analytics.example",
  "Bluefin Logistics|bluefinlogistics.test",
  "Cedar Ridge Health|cedarridgehealth.example",
  "Cedar Ridge Foods|cedarridgefoods.test",
  "Ironclad Systems|ironclad-systems.example",
  "Ironclad Manufacturing|ironcladmfg.test",
  "Brightwater Labs|brightwaterlabs.example",
  "Brightwater Energy|brightwater-energy.test",
  "Silverline Media|silverline-media.example",
  "Silverline Software|silverlinesoftware.test",
  "Redwood Outfitters|redwood-outfitters.example",
  "Redwood Consulting|redwoodconsulting.test",
  "Lakeside Robotics|lakesiderobotics.example",
  "Lakeside Studios|lakeside-studios.test",
  "Granite Peak Trading|granitepeak.example",
  "Granite Peak Dynamics|granitepeakdynamics.test",
  "Pioneer Textiles|pioneertextiles.example",
  "Pioneer Health|pioneer-health.test",
  "Evergreen Software|evergreensoftware.example",
  "Evergreen Logistics|evergreen-logistics.test",
  "Copperleaf Analytics|copperleaf.example",
  "Copperleaf Foods|copperleaffoods.test",
  "Starlight Media|starlightmedia.example",
  "Starlight Energy|starlight-energy.test",
  "Oakmont Consulting|oakmontconsulting.example",
  "Oakmont Supply|oakmont-supply.test",
  "Riverbend Labs|riverbendlabs.example",
  "Riverbend Outfitters|riverbend-outfitters.test",
  "Westbrook Systems|westbrooksystems.example",
  "Westbrook Health|westbrook-health.test",
  "Clearview Analytics|clearview-analytics.example",
  "Clearview Studios|clearviewstudios.test",
  "Highpoint Robotics|highpointrobotics.example",
  "Highpoint Trading|highpoint-trading.test",
  "Foxglove Media|foxglovemedia.example",
  "Foxglove Textiles|foxglove-textiles.test",
  "Juniper Dynamics|juniperdynamics.example",
  "Juniper Software|juniper-software.test",
  "Acme Manufacturing|acme.example",
  "Contoso Consulting|contoso.example",
  "Fabrikam Systems|fabrikam.example",
  "Tailspin Logistics|tailspin.example",
  "Wingtip Trading|wingtip.test",
  "Adventure Outfitters|adventure-outfitters.example",
  "Litware Software|litware.example",
  "Proseware Labs|proseware.test",
];

/** Legal suffixes a company name may take ("" twice: many names carry none). */
export const COMPANY_SUFFIXES: readonly string[] = ["Inc.", "LLC", "Co.", "Ltd.", "Group", "Partners", "", ""];

/** Reserved domains of personal e-mail addresses. */
export const PERSONAL_EMAIL_DOMAINS: readonly string[] = [
  "example.com",
  "example.org",
  "example.net",
  "mail.example",
  "inbox.example",
  "post.test",
  "mail.test",
];
