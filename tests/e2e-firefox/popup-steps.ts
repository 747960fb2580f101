// Steps of the popup that several Firefox specs take.
import type { Ui } from './harness';

/** Opens the editor of a popup showing "off", turns backup on and picks the Backups room. */
export async function setUpInBackups(popup: Ui): Promise<void> {
  await popup.click('Set up automatic backup');
  await popup.click('Choose a room or folder…');
  await popup.click('Backups');
  await popup.click('Back up to “Backups”');
}
