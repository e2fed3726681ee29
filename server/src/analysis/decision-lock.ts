import type { AuditLog } from '../audit/audit-log';
import type { SignoffOutcome } from '../contract';

/**
 * One decision per report. A sign-off reads the study, then stores a replacement; two decisions on the same report
 * running side by side would both see it undecided and both store one. Decisions therefore run one after the other,
 * so the second finds the first in the study and is refused naming it (result-signoff.ts). They queue per study,
 * not per report UID: an amendment names the decision, an accept names the report, and both change the same report.
 *
 * This queue lives in this process; servers sharing a Redis use RedisDecisionLock (redis-decision-lock.ts) instead.
 */
export class DecisionLock implements DecisionSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, decide: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(decide, decide);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** Runs decisions on one key one after the other: in this process, or across servers through Redis. */
export interface DecisionSerializer {
  run<T>(key: string, decide: () => Promise<T>): Promise<T>;
}

export interface Decision {
  action: 'report-accepted' | 'report-rejected' | 'decision-amended';
  /** Login name and address of the reader deciding. */
  user: string;
  address: string | undefined;
  study: string;
  report: string;
  reason?: string;
}

/** A reader's decision on a report, serialised with any other on the same report and recorded in the audit log. */
export async function decideOnReport(
  lock: DecisionSerializer,
  audit: AuditLog,
  d: Decision,
  sign: () => Promise<SignoffOutcome>,
): Promise<SignoffOutcome> {
  const who = {
    user: d.user,
    address: d.address,
    study: d.study,
    report: d.report,
    ...(d.reason !== undefined ? { reason: d.reason } : {}),
  };
  try {
    const outcome = await lock.run(d.study, sign);
    audit.record({ action: d.action, ...who, signedReport: outcome.srSopInstanceUID });
    return outcome;
  } catch (err) {
    audit.record({
      action: 'decision-refused',
      ...who,
      attempted: d.action,
      message: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}
