import { useNumbers, useT } from "#app/i18n/use-t";
import type { OrganisationProfile } from "#app/models/certification/organisation.server";

import { organisationKindKey } from "./certificate-status";

/** The profile as stored, its ward by name; the kind may come from a snapshot taken at submission. */
type OrganisationFactsData = Omit<OrganisationProfile, "kind" | "name" | "unitId"> & { kind: string; ward: string };

/**
 * An organisation's profile as its members keep it and its reviewers read it; `name` is shown
 * first when the page's heading does not already give it.
 */
export function OrganisationFacts({ organisation, name }: { organisation: OrganisationFactsData; name?: string }) {
  const t = useT();
  const format = useNumbers();
  return (
    <dl className="facts">
      {name === undefined ? null : (
        <>
          <dt>{t("org.name")}</dt>
          <dd>{name}</dd>
        </>
      )}
      <dt>{t("org.kind")}</dt>
      <dd>{t(organisationKindKey(organisation.kind))}</dd>
      <dt>{t("org.taxCode")}</dt>
      <dd>{organisation.taxCode ?? "—"}</dd>
      <dt>{t("form.ward")}</dt>
      <dd>{organisation.ward}</dd>
      <dt>{t("org.sector")}</dt>
      <dd>{organisation.sector}</dd>
      <dt>{t("org.craftVillage")}</dt>
      <dd>{organisation.craftVillage ? t("org.yes") : t("org.no")}</dd>
      <dt>{t("org.workerCount")}</dt>
      <dd>{format.number(organisation.workerCount)}</dd>
      <dt>{t("org.workersUnder13")}</dt>
      <dd>{format.number(organisation.workersUnder13)}</dd>
      <dt>{t("org.workers13To15")}</dt>
      <dd>{format.number(organisation.workers13To15)}</dd>
      <dt>{t("org.workers15To18")}</dt>
      <dd>{format.number(organisation.workers15To18)}</dd>
    </dl>
  );
}
