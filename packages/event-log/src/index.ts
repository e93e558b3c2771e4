export * from './port.ts';
export * from './embedded/embedded-event-log.ts';

/** The projector's group for one read-model version: each version has its own checkpoint. */
export const projectorGroup = (version: number) => `projector.v${version}`;

/** The consumer groups of Strata's own readers, named once for them and for whoever watches their lag (the projector's: of version 1). */
export const CONSUMER_GROUPS = { projector: projectorGroup(1), delivery: 'delivery.v1' } as const;
