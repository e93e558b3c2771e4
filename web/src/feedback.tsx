/** What a save did: a polite status when it worked, an alert when it did not. */
export type Outcome = { ok: boolean; text: string } | null;

export function Feedback({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <p role={outcome.ok ? 'status' : 'alert'} class={outcome.ok ? 'ok' : 'error'}>
      {outcome.text}
    </p>
  );
}
