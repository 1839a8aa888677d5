import { describe, expect, it } from 'vitest';
import { unknownOrg } from '../../src/workspace/config.js';

const config = { organisations: [{ id: 'northmere-acute' }, { id: 'northmere-community' }, { id: 'northmere-council' }, { id: 'northmere-ics' }] } as Parameters<typeof unknownOrg>[1];

describe('an organisation id the config does not have', () => {
  it('suggests the nearest id, then lists them all', () => {
    const e = unknownOrg(['northmere-acte'], config);
    expect(e.code).toBe('unknown_org');
    expect(e.message).toBe('No organisation "northmere-acte" in the workspace config.');
    expect(e.hint).toBe('Did you mean "northmere-acute"? The organisations are: northmere-acute, northmere-community, northmere-council, northmere-ics.');
  });

  it('suggests nothing for an id unlike any, and names the config file where it is known', () => {
    const e = unknownOrg(['zzz'], config, '/ws/tco2e.config.json');
    expect(e.message).toBe('No organisation "zzz" in /ws/tco2e.config.json.');
    expect(e.hint).not.toContain('Did you mean');
  });
});
