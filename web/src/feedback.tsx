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

/** Runs a screen's action: its error is cleared when it works and shown (its message) when it fails. */
export async function attempt(setError: (message: string | null) => void, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
    setError(null);
  } catch (e) {
    setError((e as Error).message);
  }
}
