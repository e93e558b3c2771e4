import { describe, expect, it } from 'vitest';
import { weekStartOf } from './instance-activity.ts';

describe('weekStartOf', () => {
  it('is midnight UTC of the Monday of the week, Sundays included', () => {
    expect(weekStartOf(new Date('2026-11-23T20:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(weekStartOf(new Date('2026-11-29T23:59:59Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(weekStartOf(new Date('2026-11-22T12:00:00Z')).toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });
});
