import { RULE_LABEL } from "@/lib/alerts/rules";
import type { RuleKind } from "@/lib/alerts/types";

const TONE = { firing: "bad", acknowledged: "warn", resolved: "ok" } as const;
const SEVERITY_TONE = { critical: "bad", warning: "warn", info: "neutral" } as const;

export function AlertStateBadge({ state }: { state: keyof typeof TONE }) {
  return (
    <span className={`badge ${TONE[state]}`} data-testid="alert-state" data-state={state}>
      {state}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: keyof typeof SEVERITY_TONE }) {
  return <span className={`badge ${SEVERITY_TONE[severity]}`}>{severity}</span>;
}

export function RuleName({ rule, subject }: { rule: RuleKind; subject: string }) {
  return (
    <>
      {RULE_LABEL[rule]}
      {subject && (
        <>
          {" "}
          · <code>{subject}</code>
        </>
      )}
    </>
  );
}
