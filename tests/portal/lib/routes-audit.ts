// /api/2.0/security/audit/events/{filter,last} (web/ASC.Web.Api/Api/SecurityController.cs).
// Both need EditPortalSettings (owner, DocSpace admins) and pass the payment filter.
// Without the tenant's audit feature the filter action does not fail: it returns
// GetLastAuditEvents() (the last 20 events), with every filter ignored.
import { isPortalAdmin, type User } from './accounts';
import { parseAction } from './audit';
import { sendSuccess } from './envelope';
import { argumentError, authorizingError } from './errors';
import { firstQuery } from './http';
import type { Portal } from './portal';
import { QueryBinder } from './request-binding';
import type { Router } from './router';

const S = 'ASC.Web.Api.Controllers.SecurityController';
const MAX_COUNT = 100;

export function registerAuditRoutes(router: Router, p: Portal): void {
  const demand = (pr: { user: User } | undefined) => {
    if (!pr || !isPortalAdmin(pr.user)) throw authorizingError().at('ASC.Core.Security.PermissionContext.DemandPermissionsAsync(IAction[] actions)');
  };

  router.add('GET', '/api/2.0/security/audit/events/last', { payment: true, where: `${S}.GetLastAuditEventsAsync()` }, (ctx, pr) => {
    demand(pr);
    sendSuccess(ctx, p.audit.last());
  });

  router.add('GET', '/api/2.0/security/audit/events/filter', { payment: true, where: `${S}.GetAuditEventsByFilterAsync(AuditEventsRequestsDto dto)` }, (ctx, pr) => {
    const q = new QueryBinder(ctx);
    const from = q.dateTime('from', 'From');
    const to = q.dateTime('to', 'To');
    q.done();
    demand(pr);
    if (!p.store.state.plan.audit) return sendSuccess(ctx, p.audit.last());
    const actionText = firstQuery(ctx, 'action');
    const actionId = actionText === undefined || actionText === '' ? undefined : parseAction(actionText);
    if (actionText && actionId === undefined) throw argumentError(`The value '${actionText}' is not valid for Action.`);
    // ApiContext paging: count defaults to 100 and is capped there; a count below 1 is read as the default.
    const countText = Number(firstQuery(ctx, 'count'));
    const count = Number.isInteger(countText) && countText >= 1 ? Math.min(countText, MAX_COUNT) : MAX_COUNT;
    const startText = Number(firstQuery(ctx, 'startIndex'));
    const startIndex = Number.isInteger(startText) && startText > 0 ? startText : 0;
    const userId = firstQuery(ctx, 'userId') || undefined;
    sendSuccess(ctx, p.audit.filter({ actionId, userId, from, to, count, startIndex }));
  });
}
