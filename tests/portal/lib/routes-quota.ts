// GET /api/2.0/portal/payment/quota (web/ASC.Web.Api/Api/PaymentController.cs, GetQuotaAsync):
// the tenant's quota with its features. Only the features the extension reads are modelled,
// in the shape the portal's own web client expects (its test mocks, `portal/payment/quota`):
// `free_backup` (count, the monthly allowance, `used` this month), `audit` and `backup` (flags).
import { sendSuccess } from './envelope';
import type { Portal } from './portal';
import { isStandalone } from './portal-core';
import type { Router } from './router';

export function registerQuotaRoutes(router: Router, p: Portal): void {
  router.add('GET', '/api/2.0/portal/payment/quota', { where: 'ASC.Web.Api.Controllers.PaymentController.GetQuotaAsync(bool refresh)' }, (ctx) => {
    const plan = p.store.state.plan;
    const [from, to] = p.service.currentMonthRange();
    const standalone = isStandalone(p);
    sendSuccess(ctx, {
      id: standalone ? -1000 : -10,
      title: standalone ? 'Enterprise' : 'Business',
      nonProfit: false,
      free: !plan.paid,
      trial: false,
      features: [
        { id: 'backup', value: true, type: 'flag' },
        {
          id: 'free_backup',
          title: `${plan.freeBackups} free backups per month`,
          value: plan.freeBackups,
          type: 'count',
          used: { value: p.service.countBackups(p.tenantId, false, from, to) },
        },
        { id: 'audit', title: 'Tracking logins & actions', value: plan.audit, type: 'flag' },
      ],
    });
  });
}
