import { type Decider, NotFoundError } from '@strata/kernel';
import type { AnnualReportData, AnnualReportGenerated, AnnualReportRead, EventOf } from '@strata/contracts';

type Command =
  | { type: 'GenerateAnnualReport'; accountId: string; year: number; data: AnnualReportData; at: Date }
  | { type: 'ReadAnnualReport'; accountId: string; year: number; at: Date };

/** An account's report for one year: generated once (a second run changes nothing), read once; reading a missing one is a 404. */
export const annualReportDecider: Decider<Command, EventOf<typeof AnnualReportGenerated> | EventOf<typeof AnnualReportRead>, { generated: boolean; read: boolean }> = {
  initialState: () => ({ generated: false, read: false }),
  evolve: (state, event) => (event.type === 'AnnualReportGenerated' ? { ...state, generated: true } : { ...state, read: true }),
  decide: (command, state) => {
    const { accountId, year } = command;
    if (command.type === 'GenerateAnnualReport') {
      return state.generated ? [] : [{ type: 'AnnualReportGenerated', data: { accountId, year, data: command.data, generatedAt: command.at.toISOString() } }];
    }
    if (!state.generated) throw new NotFoundError();
    return state.read ? [] : [{ type: 'AnnualReportRead', data: { accountId, year, at: command.at.toISOString() } }];
  },
};
