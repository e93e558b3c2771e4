import { useState } from 'preact/hooks';
import { type Account, type ProfileField, api, upload } from './api.ts';
import { Feedback, type Outcome } from './feedback.tsx';

const MAX_FIELDS = 4;
const withBlanks = (fields: ProfileField[]) => [...fields, ...Array.from({ length: MAX_FIELDS - fields.length }, () => ({ name: '', value: '' }))].slice(0, MAX_FIELDS);

/** A profile image to upload, with a preview of what is there now or what was picked. */
function ImagePick({ id, label, current, file, onPick }: { id: string; label: string; current: string; file: File | null; onPick: (f: File | null) => void }) {
  const [preview, setPreview] = useState<string | null>(null);
  return (
    <div class={`image-pick ${id}`}>
      <img src={preview ?? current} alt="" />
      <label for={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        onChange={(e) => {
          const picked = e.currentTarget.files?.[0] ?? null;
          if (preview) URL.revokeObjectURL(preview);
          setPreview(picked ? URL.createObjectURL(picked) : null);
          onPick(picked);
        }}
      />
      {file && <p class="handle">{file.name} is saved with the profile.</p>}
    </div>
  );
}

/**
 * The profile as others see it: images, display name, bio, up to four fields, bot and
 * directory listing. Saved through
 * PATCH /api/v1/accounts/update_credentials: the text as JSON, the images as multipart.
 */
export function EditProfile({ me, onSaved }: { me: Account; onSaved: (a: Account) => void }) {
  const [displayName, setDisplayName] = useState(me.display_name);
  const [note, setNote] = useState(me.source?.note ?? '');
  const [fields, setFields] = useState(withBlanks(me.source?.fields ?? me.fields ?? []));
  const [bot, setBot] = useState(Boolean(me.bot));
  const [discoverable, setDiscoverable] = useState(Boolean(me.discoverable));
  const [avatar, setAvatar] = useState<File | null>(null);
  const [header, setHeader] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Outcome>(null);
  const setField = (i: number, part: 'name' | 'value', value: string) => setFields(fields.map((f, j) => (j === i ? { ...f, [part]: value } : f)));
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const body = { display_name: displayName, note, bot, discoverable, fields_attributes: fields.map(({ name, value }) => ({ name, value })) };
      let saved = await api<Account>('/api/v1/accounts/update_credentials', { method: 'PATCH', body });
      if (avatar || header) {
        const form = new FormData();
        if (avatar) form.append('avatar', avatar);
        if (header) form.append('header', header);
        saved = await upload<Account>('/api/v1/accounts/update_credentials', form, 'PATCH');
        setAvatar(null);
        setHeader(null);
      }
      onSaved(saved);
      setMessage({ ok: true, text: 'Profile saved.' });
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="edit-title">
      <h1 id="edit-title">Edit profile</h1>
      <form onSubmit={submit} class="stack">
        <ImagePick id="header-file" label="Header image" current={me.header} file={header} onPick={setHeader} />
        <ImagePick id="avatar-file" label="Profile picture" current={me.avatar} file={avatar} onPick={setAvatar} />
        <label for="display-name">Display name</label>
        <input id="display-name" type="text" maxLength={30} value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
        <label for="note">Bio</label>
        <textarea id="note" rows={4} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <fieldset class="stack">
          <legend>Extra fields</legend>
          {fields.map((f, i) => (
            <div class="row" key={i}>
              <input type="text" aria-label={`Field ${i + 1} label`} placeholder="Label" maxLength={255} value={f.name} onInput={(e) => setField(i, 'name', e.currentTarget.value)} />
              <input type="text" aria-label={`Field ${i + 1} content`} placeholder="Content" maxLength={255} value={f.value} onInput={(e) => setField(i, 'value', e.currentTarget.value)} />
            </div>
          ))}
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={bot} onChange={(e) => setBot(e.currentTarget.checked)} /> This is an automated account (bot)
        </label>
        <label class="check">
          <input type="checkbox" checked={discoverable} onChange={(e) => setDiscoverable(e.currentTarget.checked)} /> Suggest my account to others and list it in the directory
        </label>
        <button type="submit" class="primary" disabled={busy}>
          Save changes
        </button>
      </form>
      <Feedback outcome={message} />
    </section>
  );
}
