import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Account } from './api.ts';
import type { Redraft } from './compose.tsx';

/** What any post on any screen needs from the app: who is signed in, and the compose box for a redraft. */
export interface AppContextValue {
  me: Account | null;
  redraft: (status: Redraft) => void;
}

export const AppContext = createContext<AppContextValue>({ me: null, redraft: () => undefined });
export const useApp = () => useContext(AppContext);
