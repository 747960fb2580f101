// /__test__/*: switches for tests (faults, clock, scheduler, plan, reset, state).
// Mounted only with --test-controls; otherwise these paths are unknown routes.
import { ST } from './backup-service';
import { readBody, sendEmpty, sendJson, type Ctx } from './http';
import { parseFault } from './faults';
import type { Portal } from './portal';
import { NEVER, parseUtc } from './timezone';

function bad(ctx: Ctx, message: string): void {
  sendJson(ctx, 400, { error: message });
}

async function jsonBody(ctx: Ctx): Promise<Record<string, unknown> | undefined> {
  const raw = (await readBody(ctx)).toString('utf8').trim();
  if (raw === '') return {};
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export async function handleTestControl(ctx: Ctx, p: Portal): Promise<void> {
  const route = `${ctx.method} ${ctx.path.replace(/\/+$/, '').toLowerCase()}`;
  const body = ctx.method === 'POST' ? await jsonBody(ctx) : {};
  if (body === undefined) return bad(ctx, 'The body must be a JSON object.');
  const state = p.store.state;

  switch (route) {
    case 'POST /__test__/faults': {
      const f = parseFault(body);
      if (typeof f === 'string') return bad(ctx, f);
      p.faults.add(f);
      return sendJson(ctx, 200, { queued: p.faults.list() });
    }
    case 'DELETE /__test__/faults':
      p.faults.clear();
      return sendJson(ctx, 200, { queued: [] });
    case 'GET /__test__/faults':
      return sendJson(ctx, 200, { queued: p.faults.list() });

    case 'GET /__test__/clock':
      return sendJson(ctx, 200, { now: new Date(p.clock.now()).toISOString(), offsetMs: p.clock.offsetMs });
    case 'POST /__test__/clock': {
      let target: number;
      if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs)) target = p.clock.now() + body.advanceMs;
      else if (typeof body.set === 'string' && !Number.isNaN(parseUtc(body.set))) target = parseUtc(body.set);
      else return bad(ctx, 'Send {"advanceMs": number} or {"set": "<ISO date-time>"}.');
      p.clock.setOffset(Math.round(target - Date.now()));
      const ticks = p.scheduler.catchUp();
      return sendJson(ctx, 200, { now: new Date(p.clock.now()).toISOString(), offsetMs: p.clock.offsetMs, ticks });
    }
    case 'POST /__test__/tick':
      return sendJson(ctx, 200, p.scheduler.tick(p.clock.now()));

    case 'POST /__test__/schedule/vanish': {
      const dump = body.dump === true;
      const deleted = p.service.deleteSchedule(dump ? -1 : p.tenantId);
      return sendJson(ctx, 200, { deleted });
    }
    case 'POST /__test__/schedule/lastbackup': {
      const value = body.lastBackupTime;
      if (typeof value !== 'string' || (value !== NEVER && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value)) || Number.isNaN(parseUtc(value)))
        return bad(ctx, 'Send {"lastBackupTime": "YYYY-MM-DDTHH:mm:ss"} (UTC, no offset).');
      const row = p.service.scheduleRow(body.dump === true ? -1 : p.tenantId);
      if (!row) return sendJson(ctx, 404, { error: 'There is no schedule.' });
      row.lastBackupTime = value;
      p.store.save();
      return sendJson(ctx, 200, { lastBackupTime: value });
    }

    case 'POST /__test__/plan': {
      const plan = state.plan;
      if (body.paid !== undefined && typeof body.paid !== 'boolean') return bad(ctx, '"paid" must be a boolean.');
      if (body.serviceEnabled !== undefined && typeof body.serviceEnabled !== 'boolean') return bad(ctx, '"serviceEnabled" must be a boolean.');
      if (body.freeBackups !== undefined && (!Number.isInteger(body.freeBackups) || (body.freeBackups as number) < 0))
        return bad(ctx, '"freeBackups" must be a non-negative integer.');
      if (body.audit !== undefined && typeof body.audit !== 'boolean') return bad(ctx, '"audit" must be a boolean.');
      if (body.countByPaid !== undefined && typeof body.countByPaid !== 'boolean') return bad(ctx, '"countByPaid" must be a boolean.');
      if (typeof body.audit === 'boolean') plan.audit = body.audit;
      if (typeof body.countByPaid === 'boolean') state.countByPaid = body.countByPaid;
      if (typeof body.paid === 'boolean') plan.paid = body.paid;
      if (typeof body.serviceEnabled === 'boolean') plan.serviceEnabled = body.serviceEnabled;
      if (typeof body.freeBackups === 'number') plan.freeBackups = body.freeBackups;
      p.store.save();
      return sendJson(ctx, 200, { plan, countByPaid: state.countByPaid });
    }
    case 'POST /__test__/thirdparty': {
      if (typeof body.connected !== 'boolean') return bad(ctx, 'Send {"connected": boolean}.');
      state.thirdPartyConnected = body.connected;
      p.store.save();
      return sendJson(ctx, 200, { connected: state.thirdPartyConnected });
    }

    case 'POST /__test__/backup-failure': {
      const times = body.times ?? 1;
      if (typeof body.message !== 'string' || body.message === '') return bad(ctx, 'Send {"message": string, "times"?: number} (times ≥ 1, default 1).');
      if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) return bad(ctx, '"times" must be a positive integer.');
      p.tasks.failNext(body.message, times);
      return sendJson(ctx, 200, { failNext: p.tasks.pendingFailures });
    }
    case 'DELETE /__test__/backup-failure':
      p.tasks.clearFailures();
      return sendJson(ctx, 200, { failNext: null });

    case 'POST /__test__/reset':
      p.tasks.stopAll();
      p.tasks.clearFailures();
      p.faults.clear();
      p.store.reset();
      p.scheduler.catchUp(); // re-aligns the tick boundary with the restored clock
      return sendJson(ctx, 200, { reset: true });

    case 'GET /__test__/state':
      return sendJson(ctx, 200, {
        mode: p.opts.mode,
        timezone: p.opts.timezone,
        now: new Date(p.clock.now()).toISOString(),
        clockOffsetMs: state.clockOffsetMs,
        plan: state.plan,
        thirdPartyConnected: state.thirdPartyConnected,
        schedule: p.service.scheduleRow(p.tenantId, false) ?? null,
        schedules: state.schedules,
        history: state.backups,
        progress: p.tasks.snapshot(),
        faults: p.faults.list(),
        failNext: p.tasks.pendingFailures,
        audit: state.audit,
        countByPaid: state.countByPaid,
        sessions: state.sessions.length,
        storageTypes: ST,
      });
    default:
      return sendEmpty(ctx, 404);
  }
}
