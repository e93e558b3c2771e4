import { describe, expect, it } from 'vitest';
import { Replicas } from './replicas.ts';

describe('Replicas', () => {
  it('takes the replicas in turn', () => {
    const replicas = new Replicas(['a', 'b', 'c']);
    expect([1, 2, 3, 4].map(() => replicas.pick())).toEqual(['a', 'b', 'c', 'a']);
  });

  it('leaves a failed replica out until its rest is over', () => {
    let time = 0;
    const replicas = new Replicas(['a', 'b'], 1000, () => time);
    replicas.failed('a');
    expect([1, 2, 3].map(() => replicas.pick())).toEqual(['b', 'b', 'b']);
    time = 1000;
    expect(new Set([replicas.pick(), replicas.pick()])).toEqual(new Set(['a', 'b']));
  });

  it('tries every replica again when all have failed', () => {
    const replicas = new Replicas(['a', 'b'], 1000, () => 0);
    replicas.failed('a');
    replicas.failed('b');
    expect(['a', 'b']).toContain(replicas.pick());
  });
});
