import { describe, expect, it } from 'vitest';
import { Replicas } from './replicas.ts';

describe('Replicas', () => {
  it('takes the replicas in turn', () => {
    const replicas = new Replicas(['a', 'b', 'c']);
    expect([1, 2, 3, 4].map(() => replicas.pick())).toEqual(['a', 'b', 'c', 'a']);
  });

  it('leaves a failed replica out until its probe answers again', async () => {
    let aIsUp = false;
    const replicas = new Replicas(['a', 'b'], { probe: async (target) => target !== 'a' || aIsUp, probeMs: 5 });
    replicas.failed('a');
    expect([1, 2, 3].map(() => replicas.pick())).toEqual(['b', 'b', 'b']);
    aIsUp = true;
    while (![replicas.pick(), replicas.pick()].includes('a')) await new Promise((r) => setTimeout(r, 5));
  });

  it('tries every replica again when all have failed', () => {
    const replicas = new Replicas(['a', 'b'], { probe: async () => false, probeMs: 60_000 });
    replicas.failed('a');
    replicas.failed('b');
    expect(['a', 'b']).toContain(replicas.pick());
  });
});
