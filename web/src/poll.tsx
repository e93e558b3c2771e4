import { useEffect, useState } from 'preact/hooks';
import { type Poll, api } from './api.ts';
import { attempt } from './feedback.tsx';

const ends = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Each option's share of the votes (of voters, for a multiple-choice poll, as Mastodon counts). */
function Results({ poll }: { poll: Poll }) {
  const total = poll.multiple ? (poll.voters_count ?? poll.votes_count) : poll.votes_count;
  return (
    <ul class="poll-results plain">
      {poll.options.map((option, i) => {
        const share = option.votes_count === null || total === 0 ? null : Math.round((option.votes_count / total) * 100);
        return (
          <li key={i} class={poll.own_votes?.includes(i) ? 'own' : undefined}>
            <span class="poll-bar" style={{ width: `${share ?? 0}%` }} aria-hidden="true" />
            <span class="poll-label">
              <strong>{share === null ? '–' : `${share}%`}</strong> {option.title}
              {poll.own_votes?.includes(i) && <span class="visually-hidden"> (your vote)</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A status's poll: a vote form while it is open and not voted in, its results otherwise; read again on demand. */
export function PollView({ poll: initial, own, statusId }: { poll: Poll; own: boolean; statusId: string }) {
  const [poll, setPoll] = useState(initial);
  const [choices, setChoices] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setPoll(initial), [initial]);
  const showResults = poll.expired || poll.voted || own;
  const run = (request: Promise<Poll>) => attempt(setError, async () => setPoll(await request));
  const vote = (event: Event) => {
    event.preventDefault();
    void run(api<Poll>(`/api/v1/polls/${poll.id}/votes`, { method: 'POST', body: { choices } }));
  };
  const pick = (i: number, on: boolean) => setChoices((current) => (poll.multiple ? (on ? [...current, i] : current.filter((c) => c !== i)) : [i]));
  const voters = poll.voters_count ?? poll.votes_count;
  return (
    <form class="poll" onSubmit={vote} aria-label="Poll">
      {showResults ? (
        <Results poll={poll} />
      ) : (
        <fieldset>
          <legend class="visually-hidden">{poll.multiple ? 'Choose one or more' : 'Choose one'}</legend>
          {poll.options.map((option, i) => (
            <label key={i} class="check">
              <input type={poll.multiple ? 'checkbox' : 'radio'} name={`poll-${statusId}`} checked={choices.includes(i)} onChange={(e) => pick(i, e.currentTarget.checked)} /> {option.title}
            </label>
          ))}
        </fieldset>
      )}
      <p class="poll-meta">
        {!showResults && (
          <button type="submit" disabled={choices.length === 0}>
            Vote
          </button>
        )}{' '}
        {voters} {voters === 1 ? 'person' : 'people'} · {poll.expired ? 'Closed' : poll.expires_at ? `Ends ${ends.format(new Date(poll.expires_at))}` : 'Open'} ·{' '}
        <button type="button" class="link" onClick={() => void run(api<Poll>(`/api/v1/polls/${poll.id}`))}>
          Refresh
        </button>
      </p>
      {error && <p role="alert" class="error">{error}</p>}
    </form>
  );
}

export interface PollDraft {
  options: string[];
  expiresIn: number;
  multiple: boolean;
  hideTotals: boolean;
}

export interface PollLimits {
  maxOptions: number;
  maxOptionChars: number;
  minExpiration: number;
  maxExpiration: number;
}

const DURATIONS = [
  [300, '5 minutes'],
  [1800, '30 minutes'],
  [3600, '1 hour'],
  [21_600, '6 hours'],
  [43_200, '12 hours'],
  [86_400, '1 day'],
  [259_200, '3 days'],
  [604_800, '7 days'],
] as const;

export const emptyPoll = (): PollDraft => ({ options: ['', ''], expiresIn: 86_400, multiple: false, hideTotals: false });

/** The poll part of the compose box: options (two to the server's maximum), duration within its limits, single or multiple choice. */
export function ComposePoll({ poll, setPoll, limits }: { poll: PollDraft; setPoll: (p: PollDraft) => void; limits: PollLimits }) {
  const durations = DURATIONS.filter(([seconds]) => seconds >= limits.minExpiration && seconds <= limits.maxExpiration);
  // the default day may lie outside a server's limits: start at the nearest duration it allows
  useEffect(() => {
    if (durations.length > 0 && !durations.some(([seconds]) => seconds === poll.expiresIn)) setPoll({ ...poll, expiresIn: durations.at(-1)![0] });
  }, [limits.minExpiration, limits.maxExpiration]);
  const setOption = (i: number, value: string) => setPoll({ ...poll, options: poll.options.map((o, j) => (j === i ? value : o)) });
  return (
    <fieldset class="compose-poll">
      <legend>Poll</legend>
      {poll.options.map((option, i) => (
        <div class="row" key={i}>
          <input id={`poll-option-${i}`} type="text" aria-label={`Option ${i + 1}`} placeholder={`Option ${i + 1}`} maxLength={limits.maxOptionChars} value={option} onInput={(e) => setOption(i, e.currentTarget.value)} />
          {poll.options.length > 2 && (
            <button type="button" aria-label={`Remove option ${i + 1}`} onClick={() => setPoll({ ...poll, options: poll.options.filter((_, j) => j !== i) })}>
              ✕
            </button>
          )}
        </div>
      ))}
      <div class="compose-bar">
        {poll.options.length < limits.maxOptions && (
          <button type="button" onClick={() => setPoll({ ...poll, options: [...poll.options, ''] })}>
            Add option
          </button>
        )}
        <select aria-label="Poll duration" value={poll.expiresIn} onChange={(e) => setPoll({ ...poll, expiresIn: Number(e.currentTarget.value) })}>
          {durations.map(([seconds, label]) => (
            <option key={seconds} value={seconds}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input type="checkbox" checked={poll.multiple} onChange={(e) => setPoll({ ...poll, multiple: e.currentTarget.checked })} /> Allow several choices
      </label>
      <label class="check">
        <input type="checkbox" checked={poll.hideTotals} onChange={(e) => setPoll({ ...poll, hideTotals: e.currentTarget.checked })} /> Hide vote counts until it ends
      </label>
    </fieldset>
  );
}

/** The API's `poll` parameter for a draft. */
export const pollParam = (poll: PollDraft) => ({ options: poll.options.map((o) => o.trim()), expires_in: poll.expiresIn, multiple: poll.multiple, hide_totals: poll.hideTotals });
