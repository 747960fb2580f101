// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HealthRecord } from '@/utils/pure/messages/protocol';
import { healthItem } from '@/utils/extension/health-record';
import { mockI18n } from '@/tests/unit/i18n-mock';
import { FleetGlance } from './FleetGlance';

const portals = ['a', 'b', 'c'].map((n, i) => ({ origin: `https://${n}.example.com`, name: `Portal ${n.toUpperCase()}`, addedAt: i }));
const record = (origin: string, state: HealthRecord['state']): HealthRecord => ({ origin, state, checkedAt: 1, schedule: null, lastKnownSchedule: null });

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
});
afterEach(cleanup);

it('says how many portals need attention and names them; a name opens that portal; it follows new records', async () => {
  await healthItem(portals[0]!.origin).setValue(record(portals[0]!.origin, 'healthy'));
  await healthItem(portals[1]!.origin).setValue(record(portals[1]!.origin, 'failed'));
  await healthItem(portals[2]!.origin).setValue(record(portals[2]!.origin, 'off'));
  const picked: string[] = [];
  render(<FleetGlance portals={portals} current={portals[0]!.origin} onPick={(o) => picked.push(o)} />);
  const glance = await screen.findByTestId('fleet-glance');
  expect(glance.textContent).toContain('Portals that need attention: 2 of 3');
  expect([...glance.querySelectorAll('li')].map((li) => li.dataset.origin)).toEqual([portals[1]!.origin, portals[2]!.origin]);
  fireEvent.click(screen.getByRole('button', { name: 'Portal B' }));
  expect(picked).toEqual([portals[1]!.origin]);
  await healthItem(portals[1]!.origin).setValue(record(portals[1]!.origin, 'healthy'));
  await waitFor(() => expect(screen.getByTestId('fleet-glance').textContent).toContain('Portals that need attention: 1 of 3'));
});

it('shows nothing for a single portal', async () => {
  render(<FleetGlance portals={portals.slice(0, 1)} current={portals[0]!.origin} onPick={() => undefined} />);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(screen.queryByTestId('fleet-glance')).toBeNull();
});
