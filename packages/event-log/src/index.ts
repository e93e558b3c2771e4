export * from './port.ts';
export * from './embedded/embedded-event-log.ts';
export * from './kafka/kafka-event-log.ts';
