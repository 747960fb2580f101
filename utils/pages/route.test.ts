import { describe, expect, it } from 'vitest';
import { parseRoute } from './route';
import { portalHash } from '../pure/fleet/overview';

describe('options page route', () => {
  it('reads the overview from an empty hash or #/', () => {
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#/')).toEqual({ view: 'overview' });
    expect(parseRoute('#/elsewhere')).toEqual({ view: 'overview' });
  });

  it('round-trips a portal origin, port and all', () => {
    for (const origin of ['https://docspace.example.com', 'http://127.0.0.1:8092', 'https://xn--80ak6aa92e.com']) {
      expect(portalHash(origin)).not.toContain('/portal/http:');
      expect(parseRoute(portalHash(origin))).toEqual({ view: 'portal', origin });
    }
  });

  it('keeps a malformed encoding as an unknown portal instead of throwing', () => {
    expect(parseRoute('#/portal/%E0%A4%A')).toEqual({ view: 'portal', origin: '%E0%A4%A' });
  });
});
