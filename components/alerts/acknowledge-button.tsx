/** A plain form (works without JavaScript): POST /api/alerts/:id/acknowledge, then back to `returnTo`. */
export function AcknowledgeButton({ alertId, returnTo, label }: { alertId: number; returnTo: string; label?: string }) {
  return (
    <form
      method="post"
      action={`/api/alerts/${alertId}/acknowledge`}
      className="inline-form"
      style={{ display: "inline-flex", gap: "0.5em", alignItems: "center", marginLeft: "0.5em" }}
    >
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" data-testid="ack-button" aria-label={label ?? `Acknowledge alert ${alertId}`}>
        Acknowledge
      </button>
    </form>
  );
}
