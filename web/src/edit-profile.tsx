import { useState } from 'preact/hooks';
import { type Account, api } from './api.ts';
import { Feedback, type Outcome } from './feedback.tsx';

/** Display name and bio, saved through PATCH /api/v1/accounts/update_credentials. */
export function EditProfile({ me, onSaved }: { me: Account; onSaved: (a: Account) => void }) {
  const [displayName, setDisplayName] = useState(me.display_name);
  const [note, setNote] = useState(me.source?.note ?? '');
  const [message, setMessage] = useState<Outcome>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const saved = await api<Account>('/api/v1/accounts/update_credentials', { method: 'PATCH', body: { display_name: displayName, note } });
      onSaved(saved);
      setMessage({ ok: true, text: 'Profile saved.' });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <section aria-labelledby="edit-title">
      <h1 id="edit-title">Edit profile</h1>
      <form onSubmit={submit} class="stack">
        <label for="display-name">Display name</label>
        <input id="display-name" type="text" maxLength={30} value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        <label for="note">Bio</label>
        <textarea id="note" rows={4} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Save changes
        </button>
      </form>
      <Feedback outcome={message} />
    </section>
  );
}
