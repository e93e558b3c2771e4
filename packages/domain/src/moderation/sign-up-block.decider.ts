import { type Decider, NotFoundError } from '@strata/kernel';
import type { EventOf, SignUpBlockAdded, SignUpBlockChanged, SignUpBlockKind, SignUpBlockRemoved, SignUpBlockSeverity } from '@strata/contracts';

export type SignUpBlockEvent = EventOf<typeof SignUpBlockAdded> | EventOf<typeof SignUpBlockChanged> | EventOf<typeof SignUpBlockRemoved>;
export interface SignUpBlockFields {
  kind: SignUpBlockKind;
  value: string;
  severity: SignUpBlockSeverity;
  comment: string;
  expiresAt: Date | null;
}
export type SignUpBlockCommand =
  | ({ type: 'AddSignUpBlock'; blockId: string; at: Date } & SignUpBlockFields)
  | ({ type: 'ChangeSignUpBlock'; blockId: string; at: Date } & SignUpBlockFields)
  | { type: 'RemoveSignUpBlock'; blockId: string; at: Date };
export type SignUpBlockState = { status: 'none' | 'removed' } | { status: 'active'; kind: SignUpBlockKind };

/** A sign-up block: added once, changed while in force, removed once (its id is never reused). */
export const signUpBlockDecider: Decider<SignUpBlockCommand, SignUpBlockEvent, SignUpBlockState> = {
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'SignUpBlockRemoved') return { status: 'removed' };
    return { status: 'active', kind: event.data.kind };
  },
  decide(command, state) {
    const at = command.at.toISOString();
    if (command.type === 'AddSignUpBlock') {
      if (state.status !== 'none') return [];
      const { blockId, kind, value, severity, comment, expiresAt } = command;
      return [{ type: 'SignUpBlockAdded', data: { blockId, kind, value, severity, comment, expiresAt: expiresAt?.toISOString() ?? null, at } }];
    }
    if (state.status !== 'active') throw new NotFoundError();
    if (command.type === 'RemoveSignUpBlock') return [{ type: 'SignUpBlockRemoved', data: { blockId: command.blockId, kind: state.kind, at } }];
    const { blockId, value, severity, comment, expiresAt } = command;
    // the kind of a block never changes: an IP block stays an IP block
    return [{ type: 'SignUpBlockChanged', data: { blockId, kind: state.kind, value, severity, comment, expiresAt: expiresAt?.toISOString() ?? null, at } }];
  },
};
