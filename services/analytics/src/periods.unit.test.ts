import { describe, expect, it } from 'vitest';
import { dayOf, periodsBack, weekOf } from './periods.ts';

describe('analytics periods', () => {
  it('places a time in its UTC day and the Monday of its ISO week', () => {
    expect(dayOf('2026-11-23T23:59:59.999+00:00')).toBe('2026-11-23');
    expect(dayOf('2026-11-23T23:30:00-02:00')).toBe('2026-11-24');
    expect(weekOf('2026-11-23T00:00:00Z')).toBe('2026-11-23'); // a Monday is its own week
    expect(weekOf('2026-11-29T23:59:59Z')).toBe('2026-11-23'); // Sunday ends it
    expect(weekOf('2027-01-01T12:00:00Z')).toBe('2026-12-28'); // across a year
  });

  it('lists periods back from a time, newest first', () => {
    const wednesday = new Date('2026-03-04T10:00:00Z');
    expect(periodsBack(wednesday, 3, 7)).toEqual(['2026-03-02', '2026-02-23', '2026-02-16']);
    expect(periodsBack(wednesday, 3, 1)).toEqual(['2026-03-04', '2026-03-03', '2026-03-02']);
  });
});
