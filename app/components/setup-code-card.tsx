import { useT } from "#app/i18n/use-t";

type SetupCodeCardProps = { fullName: string; phone: string; setupCode: string; validDays: number };

/** The one-time code to hand to a person at a ward meeting; printable as it is. */
export function SetupCodeCard({ fullName, phone, setupCode, validDays }: SetupCodeCardProps) {
  const t = useT();
  return (
    <div className="setup-card">
      <p>
        <strong>{fullName}</strong> · {phone}
      </p>
      <p>
        {t("users.setupCode")}: <code className="setup-card__code">{setupCode}</code>
      </p>
      <p>{t("users.setupCodeNote", { days: validDays })}</p>
    </div>
  );
}
