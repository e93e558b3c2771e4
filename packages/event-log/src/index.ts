export * from './port.ts';
export * from './embedded/embedded-event-log.ts';

/** The consumer groups of Strata's own readers, named once for them and for whoever watches their lag. */
export const CONSUMER_GROUPS = { projector: 'projector.v1', delivery: 'delivery.v1' } as const;
