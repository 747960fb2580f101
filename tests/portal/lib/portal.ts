// One running portal: wires state, clock, auth, services and routes, and runs
// the request pipeline (CORS → test controls → faults → latency → auth →
// payment filter → model binding + action → error handler).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuditTrail } from './audit';
import { Auth } from './auth';
import { BackupService } from './backup-service';
import { BackupTasks } from './backup-tasks';
import { BindError } from './binding';
import { PortalClock } from './clock';
import { backupArchive } from './download';
import { sendError, sendProblem, sendUnsupportedMediaType, sendValidation } from './envelope';
import { DotNetError, plainException, uriFormatError } from './errors';
import { Faults } from './faults';
import { FileStore } from './files';
import { BodyTooLargeError, createCtx, firstQuery, handleCors, sendEmpty, sendText, type Ctx } from './http';
import { isStandalone, type PortalCore, type PortalOptions } from './portal-core';
import { UnsupportedMediaTypeError } from './request-binding';
import { Router } from './router';
import { registerAuditRoutes } from './routes-audit';
import { registerAuthRoutes } from './routes-auth';
import { registerQuotaRoutes } from './routes-quota';
import { registerBackupRoutes } from './routes-backup';
import { registerFilesRoutes } from './routes-files';
import { registerSettingsRoutes } from './routes-settings';
import { handleTestControl } from './routes-test';
import { Scheduler } from './scheduler';
import { signInPage } from './sign-in-page';
import { StateStore } from './state';

export class Portal implements PortalCore {
  readonly store: StateStore;
  readonly clock: PortalClock;
  readonly files: FileStore;
  readonly auth: Auth;
  readonly service: BackupService;
  readonly audit: AuditTrail;
  readonly tasks: BackupTasks;
  readonly scheduler: Scheduler;
  readonly faults = new Faults();
  readonly router = new Router();
  readonly tenantId = 1;
  readonly alias: string;
  port = 0;
  /** The host the portal is reached at (127.0.0.1, 127.0.0.2… or a *.localhost name). */
  host = '127.0.0.1';

  constructor(
    readonly opts: PortalOptions,
    dataDir: string,
  ) {
    this.store = new StateStore(dataDir);
    this.clock = new PortalClock(this.store);
    this.files = new FileStore(() => this.store.state.thirdPartyConnected);
    this.auth = new Auth(this.store, this.clock, { sameSite: opts.sameSite, partitioned: opts.partitioned });
    this.alias = opts.mode === 'standalone' ? 'localhost' : 'docspace';
    this.service = new BackupService(this);
    this.audit = new AuditTrail(this);
    this.tasks = new BackupTasks(this, this.service, this.audit);
    this.scheduler = new Scheduler(this, this.service, this.tasks);
    registerAuthRoutes(this.router, this);
    registerBackupRoutes(this.router, this);
    registerSettingsRoutes(this.router, this);
    registerFilesRoutes(this.router, this);
    registerAuditRoutes(this.router, this);
    registerQuotaRoutes(this.router, this);
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
    this.tasks.stopAll();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ctx = createCtx(req, res, `${this.host}:${this.port}`);
    try {
      await this.pipeline(ctx);
    } catch (e) {
      if (res.headersSent || res.destroyed) return;
      if (e instanceof BodyTooLargeError) return sendEmpty(ctx, 413);
      sendError(ctx, plainException(e instanceof Error ? e.message : String(e)));
    }
  }

  private async pipeline(ctx: Ctx): Promise<void> {
    const lower = ctx.path.toLowerCase();
    // TenantMiddleware runs before CORS and authentication. Self-hosted, it resolves the tenant from
    // the Origin first (TenantManager.GetTenantByOrigin: `new Uri(origin)`), so `Origin: null` (a
    // sandboxed page, a redirected request) is a 500 UriFormatException. An extension's own origin
    // parses, matches no tenant and falls back to the Host.
    const origin = ctx.req.headers.origin;
    if (lower.startsWith('/api/') && isStandalone(this) && origin && !URL.canParse(origin)) {
      return sendError(ctx, uriFormatError().at('ASC.Core.TenantManager.GetTenantByOrigin(HttpContext context)'));
    }
    if (handleCors(ctx)) return;
    if (lower.startsWith('/__test__/') || lower === '/__test__') {
      return this.opts.testControls ? handleTestControl(ctx, this) : sendEmpty(ctx, 404);
    }
    const fault = this.faults.take(ctx.method, ctx.path);
    if (fault && (await this.faults.apply(ctx, fault))) return;

    if (lower.startsWith('/api/')) {
      if (this.opts.latencyMs > 0) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
      return this.api(ctx);
    }
    if (ctx.method === 'GET' && (lower === '/' || lower === '/sign-in' || lower === '/sign-in/')) {
      const principal = this.auth.authenticate(ctx);
      return sendText(ctx, 200, signInPage(principal?.user), 'text/html; charset=utf-8', { 'Cache-Control': 'no-store' });
    }
    const dl = /^\/storage\/backup\/[^/]+\/([^/]+)$/i.exec(ctx.path);
    if (dl && ctx.method === 'GET') {
      const record = this.service.resolveDownload(decodeURIComponent(dl[1] ?? ''), firstQuery(ctx, 'auth'));
      if (!record) return sendEmpty(ctx, 404);
      return sendText(ctx, 200, backupArchive(record), 'application/octet-stream', {
        'Content-Disposition': `attachment; filename="${record.name}"`,
      });
    }
    return sendEmpty(ctx, 404);
  }

  private async api(ctx: Ctx): Promise<void> {
    const m = this.router.match(ctx.method, ctx.path);
    if (m.kind === 'none') return sendEmpty(ctx, 404);
    if (m.kind === 'method') return sendEmpty(ctx, 405, { Allow: [...new Set(m.allow)].join(', ') });
    const { route, params } = m;
    ctx.params = params;
    const principal = this.auth.authenticate(ctx);
    if (!route.anonymous && !principal) return sendEmpty(ctx, 401);
    // PaymentFilter (skipped with "Payment-Info: false"): a bare 402 ProblemDetails.
    const paymentInfo = String(ctx.req.headers['payment-info'] ?? '').trim().toLowerCase();
    if (route.payment && !this.store.state.plan.paid && paymentInfo !== 'false') return sendProblem(ctx, 402);
    try {
      await route.handler(ctx, principal);
    } catch (e) {
      if (e instanceof BindError) return sendValidation(ctx, e.errors);
      if (e instanceof UnsupportedMediaTypeError) return sendUnsupportedMediaType(ctx);
      if (e instanceof DotNetError) {
        if (e.where === 'ASC.Api.Core.Middleware' && route.where) e.at(route.where);
        return sendError(ctx, e);
      }
      throw e;
    }
  }
}
