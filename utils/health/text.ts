import { t, type MessageKey } from '../i18n';
import type { HealthState } from './rules';

/** The catalog key of a state's text, e.g. health_signed_out or badge_signed_out. */
export const healthKey = (state: HealthState, kind: 'badge' | 'health') => `${kind}_${state.replace('-', '_')}` as MessageKey;

/** A health state in words, for the badge's tooltip and the pages alike. */
export const stateText = (state: HealthState) => t(healthKey(state, 'health'));
